using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Core.Submission;

/// <summary>The lead records the submission and the buyer's decision; each checks the bid is at that stage.</summary>
public sealed class SubmissionService(IMatchingSource opportunities, BidSignals signals)
{
    public async Task RecordSubmissionAsync(string idOrOcid, string? reference, string actor, CancellationToken cancellationToken = default)
    {
        if (reference?.Length > 200) throw new BadInputException("reference: expected at most 200 characters");
        var payload = new JsonObject();
        if (!string.IsNullOrWhiteSpace(reference)) payload["reference"] = reference.Trim();
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        await signals.SendAsync(found.Id, SubmissionSignals.Submitted, found.Id, payload, null, actor, "waiting for the submission to be recorded", cancellationToken);
    }

    public async Task RecordOutcomeAsync(string idOrOcid, IReadOnlyList<string> awardedLots, string actor, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        var unknown = awardedLots.Where(l => found.Opportunity.Lots.All(x => x.Id != l)).ToList();
        if (unknown.Count > 0)
            throw new BadInputException($"awardedLots: no lot {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected some of {string.Join(", ", found.Opportunity.Lots.Select(l => l.Id))}");
        var payload = new JsonObject { ["awardedLots"] = new JsonArray(awardedLots.Distinct().Select(l => (JsonNode)JsonValue.Create(l)).ToArray()) };
        await signals.SendAsync(found.Id, SubmissionSignals.Outcome, found.Id, payload, null, actor, "waiting for the outcome to be recorded", cancellationToken);
    }
}
