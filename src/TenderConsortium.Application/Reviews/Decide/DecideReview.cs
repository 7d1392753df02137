using TenderConsortium.Core.Reviews;

namespace TenderConsortium.Application.Reviews.Decide;

/// <param name="Decision">Approved or ChangesRequested.</param>
/// <param name="Summary">What the lead should know; required with a request for changes unless comments say it.</param>
/// <param name="AcceptedChecks">
/// Approving a pack whose checks failed: the adviser's reason for each failed check, by check id. One missing and the
/// approval is refused.
/// </param>
public sealed record DecideReview(string Opportunity, string Adviser, ReviewDecision Decision, string? Summary,
    IReadOnlyDictionary<string, string>? AcceptedChecks = null, string? ConsortiumId = null);
