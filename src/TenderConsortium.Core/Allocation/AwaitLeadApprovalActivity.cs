using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// "AwaitLeadApproval": the lead approves the proposed allocation, or pins shares with a reason (each recorded in the
/// journal with who did it, the rest re-optimised around the pins), or re-runs it after declarations were reopened.
/// Overrides and re-runs make a new round and keep waiting; only an approval moves on.
/// </summary>
public sealed class AwaitLeadApprovalActivity : IActivity
{
    public const string TypeName = "AwaitLeadApproval";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Waits for the lead to approve the allocation, override shares with reasons, or re-run it.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the allocation.", JsonValue.Create("allocation"), AllowsReference: false),
        ],
        Waits = true,
        Bookmarks = _ =>
        [
            new BookmarkDeclaration(AllocationSignals.Approval, null, new PayloadSchema(
            [
                new PayloadField("decision", "string", true, ["approve", "override", "rerun"]),
                new PayloadField("overrides", "array", false, null),
            ])),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.CreateBookmark(AllocationSignals.Approval, await AllocationRun.OpportunityIdAsync(context));
        return ActivityResult.Suspend;
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var opportunityId = await AllocationRun.OpportunityIdAsync(context);
        var output = context.Get<string>("output", ValueKind.String);
        var current = await AllocationRun.CurrentAsync(context, opportunityId);
        var who = input.Actor ?? "the lead";
        var decision = input.Payload?["decision"]?.GetValue<string>();
        if (decision == "approve")
        {
            var approved = current with { Status = AllocationStatus.Approved };
            await AllocationRun.SaveAsync(context, approved, output);
            context.Journal(JournalKinds.Note, $"allocation round {current.Round} approved by {who}");
            return ActivityResult.Done;
        }

        context.CreateBookmark(AllocationSignals.Approval, opportunityId);
        var overrides = current.Result.Overrides.ToList();
        if (decision == "override")
        {
            try
            {
                foreach (var pin in ReadOverrides(input.Payload?["overrides"] as JsonArray))
                {
                    overrides.RemoveAll(o => o.MemberId == pin.MemberId && o.LotId == pin.LotId);
                    overrides.Add(pin);
                }
            }
            catch (BadInputException ex)
            {
                context.Journal(JournalKinds.Note, $"override by {who} refused: {ex.Message}");
                return ActivityResult.Suspend;
            }
        }

        AllocationResult result;
        try
        {
            result = await AllocationRun.SolveAsync(context, opportunityId, overrides, current.Result.WithdrawnMemberIds);
        }
        catch (BadInputException ex)
        {
            context.Journal(JournalKinds.Note, $"{decision} by {who} refused: {ex.Message}");
            return ActivityResult.Suspend;
        }

        var consents = AllocationRun.AllocatedMembers(result).Select(m => new MemberConsent(m, ConsentStatus.Pending)).ToList();
        var stored = await AllocationRun.SaveNewRoundAsync(context, opportunityId, result, AllocationStatus.Proposed, consents, output);
        foreach (var pin in overrides.Except(current.Result.Overrides))
        {
            var was = current.Result.Lots.FirstOrDefault(l => l.LotId == pin.LotId)?.Shares.FirstOrDefault(s => s.MemberId == pin.MemberId)?.Volume ?? 0;
            context.Journal(JournalKinds.Note, $"override by {who}: lot {pin.LotId}, member {pin.MemberId}: {was} → {pin.Volume}. Reason: {pin.Reason}");
        }

        var why = decision == "override" ? $"the lead ({who}) overrode shares" : $"the lead ({who}) re-ran the allocation";
        await AllocationRun.ReportToLeadAsync(context, stored, $"r{stored.Round}", why);
        return ActivityResult.Suspend;
    }

    /// <summary>
    /// Reads <c>[{"memberId", "lotId", "volume", "reason"}]</c> (the API's body and the signal's payload); a pin without
    /// a reason is refused. Each problem names its field by path, for a door to place it.
    /// </summary>
    public static IReadOnlyList<ShareOverride> ReadOverrides(JsonArray? items)
    {
        var problems = new List<Problem>();
        var result = new List<ShareOverride>();
        if (items is null || items.Count == 0)
            throw new ProblemException("overrides", ProblemCode.Invalid, "Give at least one share to set, each with memberId, lotId, volume and reason");
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"overrides[{i}]";
            if (items[i] is not JsonObject o)
            {
                problems.Add(Invalid(at, "Give each share to set with memberId, lotId, volume and reason"));
                continue;
            }

            var member = o["memberId"] is JsonValue m && m.TryGetValue<string>(out var mv) && mv.Trim().Length > 0 ? mv.Trim() : null;
            var lot = o["lotId"] is JsonValue l && l.TryGetValue<string>(out var lv) && lv.Trim().Length > 0 ? lv.Trim() : null;
            var reason = o["reason"] is JsonValue r && r.TryGetValue<string>(out var rv) && rv.Trim().Length > 0 ? rv.Trim() : null;
            long volume = -1;
            if (o["volume"] is not { } v || !ValueConversion.TryGetWholeNumber(v, out volume) || volume < 0)
                problems.Add(Invalid($"{at}.volume", "Enter the share as a whole number, 0 or more"));
            if (member is null) problems.Add(Invalid($"{at}.memberId", "Enter the id of the member whose share you set"));
            if (lot is null) problems.Add(Invalid($"{at}.lotId", "Enter the lot whose share you set"));
            if (reason is null) problems.Add(Invalid($"{at}.reason", "Enter why you set this share; the consortium records it and the member sees it"));
            else if (reason.Length > 2000) problems.Add(Invalid($"{at}.reason", "Keep the reason to 2,000 characters or fewer"));
            if (member is not null && lot is not null && reason is not null && volume >= 0 && reason.Length <= 2000)
                result.Add(new ShareOverride(member, lot, volume, reason));
        }

        if (problems.Count > 0) throw new ProblemException(problems);
        return result;
    }

    private static Problem Invalid(string path, string message) => new(path, ProblemCode.Invalid, message);
}
