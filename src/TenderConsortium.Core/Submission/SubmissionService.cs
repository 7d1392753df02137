using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Workflows;

namespace TenderConsortium.Core.Submission;

/// <summary>The lead records the submission and the buyer's decision; each checks the bid is at that stage.</summary>
public sealed class SubmissionService(IInvitationStore rounds, IMatchingSource opportunities, WorkflowRuntime runtime)
{
    public async Task RecordSubmissionAsync(string idOrOcid, string? reference, string actor, CancellationToken cancellationToken = default)
    {
        if (reference?.Length > 200) throw new BadInputException("reference: expected at most 200 characters");
        var payload = new JsonObject();
        if (!string.IsNullOrWhiteSpace(reference)) payload["reference"] = reference.Trim();
        await SignalAsync(idOrOcid, SubmissionSignals.Submitted, payload, actor, "waiting for the submission to be recorded", cancellationToken);
    }

    public async Task RecordOutcomeAsync(string idOrOcid, IReadOnlyList<string> awardedLots, string actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(idOrOcid, cancellationToken);
        var unknown = awardedLots.Where(l => found.Opportunity.Lots.All(x => x.Id != l)).ToList();
        if (unknown.Count > 0)
            throw new BadInputException($"awardedLots: no lot {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected some of {string.Join(", ", found.Opportunity.Lots.Select(l => l.Id))}");
        var payload = new JsonObject { ["awardedLots"] = new JsonArray(awardedLots.Distinct().Select(l => (JsonNode)JsonValue.Create(l)).ToArray()) };
        await SignalAsync(found.Id, SubmissionSignals.Outcome, payload, actor, "waiting for the outcome to be recorded", cancellationToken);
    }

    private async Task SignalAsync(string idOrOcid, string bookmark, JsonObject payload, string actor, string stage, CancellationToken cancellationToken)
    {
        var found = await FindAsync(idOrOcid, cancellationToken);
        var round = await rounds.RoundAsync(found.Id, cancellationToken) ?? throw new BadInputException("this opportunity is not running in a workflow");
        if (!await runtime.IsWaitingAsync(round.InstanceId, bookmark, found.Id, cancellationToken))
            throw new BadInputException($"the bid for this opportunity is not {stage} now");
        var result = await runtime.ResumeAsync(round.InstanceId, bookmark, found.Id, payload, null, actor, cancellationToken);
        if (result.Status == ResumeStatus.Invalid) throw new BadInputException(result.Problems);
    }

    private async Task<(string Id, Opportunities.Opportunity Opportunity)> FindAsync(string idOrOcid, CancellationToken cancellationToken) =>
        await opportunities.FindOpportunityAsync(idOrOcid, cancellationToken)
        ?? throw new BadInputException($"opportunity: no opportunity with id or OCID '{idOrOcid}'");
}
