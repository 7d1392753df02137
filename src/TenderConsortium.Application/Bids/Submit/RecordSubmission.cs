namespace TenderConsortium.Application.Bids.Submit;

/// <param name="Reference">The buyer's portal reference of the submission, when it gave one.</param>
/// <param name="AcceptedChecks">
/// Why the lead submits although a check of the current pack failed, by check id (e.g. "deadline"): one reason per
/// failed check, or the submission is refused.
/// </param>
public sealed record RecordSubmission(string Opportunity, string? Reference, string Actor, string? ConsortiumId = null,
    IReadOnlyDictionary<string, string>? AcceptedChecks = null);
