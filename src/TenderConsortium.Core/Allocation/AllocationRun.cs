using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// What the allocation stages share: solving from the stored declarations, saving a new round, publishing it as the
/// instance variable and telling the lead. Rounds are numbered from an instance variable, not the store, so a step
/// re-run after a crash overwrites its own round instead of adding another.
/// </summary>
internal static class AllocationRun
{
    public const string RoundVariable = "allocationRound";

    public static async Task<AllocationResult> SolveAsync(ActivityContext context, string opportunityId,
        IReadOnlyList<ShareOverride> overrides, IReadOnlyList<string> withdrawn)
    {
        var shortlist = context.GetVariable("shortlist") is JsonObject s ? s.Deserialize<MatchResult>(DomainJson.Options) : null;
        return await context.Service<AllocationPlanner>().SolveAsync(opportunityId, context.ResolvePath("settings") as JsonObject, shortlist,
            context.Now, overrides, withdrawn);
    }

    /// <summary>Saves the result as the next round and publishes it in the output variable.</summary>
    public static async Task<StoredAllocation> SaveNewRoundAsync(ActivityContext context, string opportunityId, AllocationResult result,
        AllocationStatus status, IReadOnlyList<MemberConsent> consents, string output)
    {
        var number = (context.GetVariable(RoundVariable) is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0) + 1;
        context.SetVariable(RoundVariable, number);
        var stored = new StoredAllocation(opportunityId, number, status, result, consents, context.Now);
        await SaveAsync(context, stored, output);
        return stored;
    }

    /// <summary>Saves a change to the current round (status, consents) and republishes it.</summary>
    public static async Task SaveAsync(ActivityContext context, StoredAllocation stored, string output)
    {
        await context.Service<IAllocationStore>().SaveAsync(stored with { UpdatedAt = context.Now });
        var json = AllocationJson.From(stored.Result, stored.Round, stored.Status);
        json["consents"] = new JsonArray(stored.Consents.Select(c => (JsonNode)new JsonObject
        {
            ["memberId"] = c.MemberId,
            ["status"] = c.Status.ToString().ToLowerInvariant(),
            ["reason"] = c.Reason,
        }).ToArray());
        context.SetVariable(output, json);
    }

    public static async Task<StoredAllocation> CurrentAsync(ActivityContext context, string opportunityId) =>
        await context.Service<IAllocationStore>().CurrentAsync(opportunityId)
        ?? throw new InvalidOperationException($"opportunity '{opportunityId}' has no allocation; run AllocateSubcontracts first");

    public static async Task<string> OpportunityIdAsync(ActivityContext context)
    {
        var key = context.Get<string>("opportunity", ValueKind.String);
        var found = await context.Service<IMatchingSource>().FindOpportunityAsync(key)
                    ?? throw new InvalidOperationException($"{context.Node.Type}: no opportunity with id or OCID '{key}'.");
        return found.Id;
    }

    /// <summary>The allocation report for the lead: coverage per lot, the split with its fairness, and a separate email for any gap.</summary>
    public static async Task ReportToLeadAsync(ActivityContext context, StoredAllocation stored, string eventName, string? why = null)
    {
        var settings = context.TenderSettings();
        var opportunity = await EmailModels.OpportunityAsync(context, stored.OpportunityId);
        var link = context.Service<PublicLinks>().Opportunity(stored.OpportunityId);
        var lots = stored.Result.Lots.Select(l => EmailModels.Model(
            ("title", $"Lot {l.LotId}: {l.Title}"),
            ("split", l.Shares.Any(s => s.Volume > 0)
                ? string.Join(", ", l.Shares.Where(s => s.Volume > 0).Select(s => $"{s.MemberName} {s.PercentOfLot.ToString("0.#", CultureInfo.InvariantCulture)}%"))
                : "nobody"),
            ("uncovered", l.Uncovered == 0 ? "none" : $"{N(l.Uncovered)} {l.Unit}"))).ToList();
        var fairness = Fairness(stored.Result);
        if (why is not null) fairness = $"Round {stored.Round}, after {why}. {fairness}";
        context.Notify("allocation-report.lead", eventName, settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity), ("lots", lots), ("fairness", fairness), ("link", link)));
        var gaps = stored.Result.Lots.Where(l => l.Uncovered > 0).Select(l => EmailModels.Model(
            ("lot", $"Lot {l.LotId}: {l.Title}"),
            ("reason", $"{N(l.Uncovered)} of {N(l.Demand)} {l.Unit} are not covered" + (why is null ? " by any member's declaration" : $" ({why})")))).ToList();
        if (gaps.Count > 0)
            context.Notify("coverage-gap.lead", eventName, settings.LeadEmails, EmailModels.Model(("opportunity", opportunity), ("gaps", gaps), ("link", link)));
    }

    /// <summary>One sentence on how even the split is: the largest share of any lot and what the micro members got.</summary>
    public static string Fairness(AllocationResult result)
    {
        var shares = result.Lots.SelectMany(l => l.Shares.Where(s => s.Volume > 0)).ToList();
        if (shares.Count == 0) return "No member has a share yet.";
        var largest = shares.MaxBy(s => s.PercentOfLot)!;
        var members = shares.Select(s => s.MemberId).Distinct().Count();
        return $"{members} {(members == 1 ? "member shares" : "members share")} the work; the largest share of any lot is {largest.MemberName}'s {largest.PercentOfLot.ToString("0.#", CultureInfo.InvariantCulture)}% of lot {largest.LotId}. " +
               "Each member's share and the reason for it are on the opportunity page.";
    }

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> AllocatedMembers(AllocationResult result) =>
        result.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId).Distinct().Order(StringComparer.Ordinal).ToList();
}
