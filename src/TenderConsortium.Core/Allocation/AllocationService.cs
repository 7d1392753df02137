using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The lead's and members' actions on an allocation, from the web app, the API and the CLI. Each checks the request
/// against the stored allocation (so a mistake gets a message naming the field, not a silent no-op), checks that
/// the workflow is waiting for exactly this answer, then resumes it; the activity does the work and the journal
/// records who did what.
/// </summary>
public sealed class AllocationService(
    IAllocationStore allocations,
    IMatchingSource opportunities,
    AllocationPlanner planner,
    DeclarationService members,
    BidSignals signals,
    TimeProvider time)
{
    public async Task<(string OpportunityId, string Title, StoredAllocation? Current)> CurrentAsync(string idOrOcid, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        return (found.Id, found.Opportunity.Title, await allocations.CurrentAsync(found.Id, cancellationToken));
    }

    /// <summary>What the allocation would be now under default rules, for an opportunity with no allocation stored yet.</summary>
    public async Task<AllocationResult> PreviewAsync(string idOrOcid, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        return await planner.SolveAsync(found.Id, null, null, time.GetUtcNow(), [], [], cancellationToken);
    }

    public async Task<StoredAllocation> ApproveAsync(string idOrOcid, string actor, CancellationToken cancellationToken = default) =>
        await DecideAsync(idOrOcid, new JsonObject { ["decision"] = "approve" }, actor, cancellationToken);

    public async Task<StoredAllocation> RerunAsync(string idOrOcid, string actor, CancellationToken cancellationToken = default) =>
        await DecideAsync(idOrOcid, new JsonObject { ["decision"] = "rerun" }, actor, cancellationToken);

    /// <summary>
    /// Pins shares; the application's override handler checks each against the declarations and the lot first (a
    /// reason, a member that declared for the lot, a volume it declared and the lot needs), so a refusal names its field.
    /// </summary>
    public async Task<StoredAllocation> OverrideAsync(string idOrOcid, IReadOnlyList<ShareOverride> overrides, string actor, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        var payload = new JsonObject
        {
            ["decision"] = "override",
            ["overrides"] = new JsonArray(overrides.Select(o => (JsonNode)new JsonObject
            {
                ["memberId"] = o.MemberId, ["lotId"] = o.LotId, ["volume"] = o.Volume, ["reason"] = o.Reason.Trim(),
            }).ToArray()),
        };
        return await DecideAsync(found.Id, payload, actor, cancellationToken);
    }

    /// <summary>A member answers from its link.</summary>
    public async Task<StoredAllocation> ConsentWithTokenAsync(string? token, bool accept, string? reason, CancellationToken cancellationToken = default)
    {
        var invitation = await members.AuthenticateAsync(token, cancellationToken);
        return await ConsentAsync(invitation.OpportunityId, invitation.MemberId, accept, reason, $"member:{invitation.MemberId}", cancellationToken);
    }

    public async Task<StoredAllocation> ConsentAsync(string idOrOcid, string memberId, bool accept, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        var current = await allocations.CurrentAsync(found.Id, cancellationToken);
        var consent = current?.Consents.FirstOrDefault(c => c.MemberId == memberId);
        if (consent is null)
            throw new BadInputException($"member: '{memberId}' has no share of \"{found.Opportunity.Title}\" to accept or decline");
        if (consent.Status != ConsentStatus.Pending)
            throw new BadInputException($"member: '{memberId}' already answered ({consent.Status.ToString().ToLowerInvariant()})");
        if (!accept && string.IsNullOrWhiteSpace(reason))
            throw new BadInputException("reason: required when declining, so the lead can plan around it");
        var payload = new JsonObject { ["decision"] = accept ? "accept" : "decline" };
        if (!string.IsNullOrWhiteSpace(reason)) payload["reason"] = reason.Trim();
        var bookmark = await signals.IsWaitingAsync(found.Id, AllocationSignals.Consent, memberId, cancellationToken)
            ? AllocationSignals.Consent
            : AllocationSignals.Reconsent;
        await signals.SendAsync(found.Id, bookmark, memberId, payload, $"{bookmark}:{memberId}:{current!.Round}", actor, "waiting for this member's consent", cancellationToken);
        return (await allocations.CurrentAsync(found.Id, cancellationToken))!;
    }

    /// <summary>A member withdraws from its link, after accepting its share.</summary>
    public async Task<StoredAllocation> WithdrawWithTokenAsync(string? token, string? reason, CancellationToken cancellationToken = default)
    {
        var invitation = await members.AuthenticateAsync(token, cancellationToken);
        return await WithdrawAsync(invitation.OpportunityId, invitation.MemberId, reason ?? "", $"member:{invitation.MemberId}", cancellationToken);
    }

    /// <summary>Whether the bid takes withdrawals now: from the lead's approval of the allocation until the outcome.</summary>
    public async Task<bool> TakesWithdrawalsAsync(string opportunityId, CancellationToken cancellationToken = default) =>
        await signals.IsWaitingAsync(opportunityId, AllocationSignals.Withdrawal, opportunityId, cancellationToken)
        || await signals.IsWaitingAsync(opportunityId, AllocationSignals.Withdrawal, opportunityId + AllocationSignals.LaterSuffix, cancellationToken);

    /// <summary>A member leaves the bid after accepting (or the lead records that it has).</summary>
    public async Task<StoredAllocation> WithdrawAsync(string idOrOcid, string memberId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        var current = await allocations.CurrentAsync(found.Id, cancellationToken);
        if (current is null || !AllocationRun.AllocatedMembers(current.Result).Contains(memberId))
            throw new ProblemException("member", ProblemCode.Invalid, $"'{memberId}' holds no share of \"{found.Opportunity.Title}\"");
        if (string.IsNullOrWhiteSpace(reason))
            throw new ProblemException("reason", ProblemCode.Invalid, "required; the lead and the journal record why a member withdrew");
        var payload = new JsonObject { ["memberId"] = memberId, ["reason"] = reason.Trim() };
        var key = await signals.IsWaitingAsync(found.Id, AllocationSignals.Withdrawal, found.Id, cancellationToken)
            ? found.Id
            : found.Id + AllocationSignals.LaterSuffix;
        await signals.SendAsync(found.Id, AllocationSignals.Withdrawal, key, payload, $"withdrawal:{memberId}:{current.Round}", actor,
            "past member consent (withdrawals are taken once the allocation is approved)", cancellationToken);
        return (await allocations.CurrentAsync(found.Id, cancellationToken))!;
    }

    private async Task<StoredAllocation> DecideAsync(string idOrOcid, JsonObject payload, string actor, CancellationToken cancellationToken)
    {
        var found = await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken);
        var current = await allocations.CurrentAsync(found.Id, cancellationToken)
                      ?? throw NoAllocation(found.Opportunity.Title);
        await signals.SendAsync(found.Id, AllocationSignals.Approval, found.Id, payload, null, actor, "waiting for the lead's approval of the allocation", cancellationToken);
        return (await allocations.CurrentAsync(found.Id, cancellationToken)) ?? current;
    }

    /// <summary>The refusal of a lead's decision before the declarations have closed into a first allocation.</summary>
    public static ProblemException NoAllocation(string title) =>
        new("allocation", ProblemCode.Conflict, $"\"{title}\" has no allocation yet: members' shares are worked out when declarations close");

}
