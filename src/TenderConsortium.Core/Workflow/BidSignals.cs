using System.Text.Json.Nodes;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Core.Workflow;

/// <summary>
/// Answers a person's step of a running bid: finds the opportunity's bid instance and resumes it only if it waits for
/// exactly this answer at that moment (so an answer at the wrong stage is refused, not kept for later). The runtime
/// decides "waiting" inside the resume's own transaction, so no other answer can slip in between a check and the
/// resume. Every lead, member and adviser action of the services, the pages and the CLI goes through here.
/// </summary>
public sealed class BidSignals(IBidStore bids, IInvitationStore rounds, WorkflowRuntime runtime, WorkflowQueries queries)
{
    /// <summary>
    /// The bid's instance: the one its Bid runs on; for a workflow started straight on the runtime (no Bid row yet),
    /// the one running its declaration round, else the active one correlated with it.
    /// </summary>
    public async Task<Guid?> InstanceAsync(string opportunityId, CancellationToken cancellationToken = default) =>
        (await bids.FindAsync(opportunityId, cancellationToken))?.InstanceId
        ?? (await rounds.RoundAsync(opportunityId, cancellationToken))?.InstanceId
        ?? (await queries.ListInstancesAsync(correlationId: opportunityId, ct: cancellationToken))
            .FirstOrDefault(i => i.Status is InstanceStatus.Running or InstanceStatus.Suspended)?.Id;

    /// <summary>Whether the bid waits on this answer now: a moment's answer for choosing what to offer, not a guard.</summary>
    public async Task<bool> IsWaitingAsync(string opportunityId, string bookmark, string key, CancellationToken cancellationToken = default) =>
        await InstanceAsync(opportunityId, cancellationToken) is { } instance && await runtime.IsWaitingAsync(instance, bookmark, key, cancellationToken);

    /// <param name="stage">Completes "the bid for this opportunity is not … now", e.g. "waiting for the lead's approval".</param>
    public async Task SendAsync(string opportunityId, string bookmark, string key, JsonObject payload, string? idempotencyKey, string actor, string stage,
        CancellationToken cancellationToken = default)
    {
        var instance = await InstanceAsync(opportunityId, cancellationToken)
                       ?? throw new BadInputException("opportunity: no bid is running for it");
        var result = await runtime.ResumeAsync(instance, bookmark, key, payload,
            new ResumeOptions(idempotencyKey, actor, OnlyIfWaiting: true), cancellationToken);
        if (result.Status == ResumeStatus.Invalid) throw new BadInputException(result.Problems);
        if (result.Status is ResumeStatus.Unknown or ResumeStatus.NotYetWaiting or ResumeStatus.NotWaiting)
            throw new BadInputException($"the bid for this opportunity is not {stage} now");
    }
}
