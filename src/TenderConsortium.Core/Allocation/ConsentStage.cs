using System.Globalization;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Member consent, shared by AwaitMemberConsent and WatchWithdrawals. Each allocated member is asked once per share
/// it has not yet accepted; a decline, a withdrawal or silence past the consent deadline re-runs the allocation
/// without that member (the lead's pins stay), and whoever's share grew is asked again. A member whose share shrank
/// keeps its acceptance: it agreed to more. The lead hears about every re-run and any new gap.
/// </summary>
internal static class ConsentStage
{
    /// <summary>Which bookmarks a stage uses: the consent stage, or the watch for the rest of the bid.</summary>
    internal sealed record Mode(string ConsentBookmark, string WithdrawalSuffix)
    {
        public static readonly Mode Consent = new(AllocationSignals.Consent, "");
        public static readonly Mode Later = new(AllocationSignals.Reconsent, AllocationSignals.LaterSuffix);
    }

    private const string TimerTag = "consent-deadline";

    public static IReadOnlyList<BookmarkDeclaration> Bookmarks(Mode mode) =>
    [
        new(mode.ConsentBookmark, null, new PayloadSchema(
        [
            new PayloadField("decision", "string", true, ["accept", "decline"]),
            new PayloadField("reason", "string", false, null),
        ])),
        new(AllocationSignals.Withdrawal, null, new PayloadSchema(
        [
            new PayloadField("memberId", "string", true, null),
            new PayloadField("reason", "string", true, null),
        ])),
    ];

    /// <summary>When each asked member's answer is due.</summary>
    private static JsonObject Due(ActivityContext context) => StateObject(context, "due");

    /// <summary>Members whose consent bookmark exists now (the engine consumes one when it is answered).</summary>
    private static JsonObject Open(ActivityContext context) => StateObject(context, "open");

    private static JsonObject StateObject(ActivityContext context, string name) =>
        context.ActivityState[name] as JsonObject ?? (JsonObject)(context.ActivityState[name] = new JsonObject());

    /// <summary>
    /// Asks every allocated member whose consent is pending and who has not been asked in this wait, and those in
    /// <paramref name="again"/> (their share changed), by email with a fresh deadline.
    /// </summary>
    public static async Task AskAsync(ActivityContext context, Mode mode, StoredAllocation stored, IReadOnlyCollection<string>? again = null)
    {
        var due = Due(context);
        var open = Open(context);
        var settings = context.TenderSettings();
        var until = context.Now + settings.ConsentPeriod;
        var invited = context.GetVariable("invitations") is JsonObject i ? InvitedRound.From(i) : null;
        var issuer = context.Service<InvitationTokenIssuer>();
        var links = context.Service<PublicLinks>();
        var opportunity = await EmailModels.OpportunityAsync(context, stored.OpportunityId);
        var asked = 0;
        foreach (var consent in stored.Consents.Where(c => c.Status == ConsentStatus.Pending))
        {
            if (due.ContainsKey(consent.MemberId) && again?.Contains(consent.MemberId) != true) continue;
            due[consent.MemberId] = until.ToString("O", CultureInfo.InvariantCulture);
            if (!open.ContainsKey(consent.MemberId))
            {
                context.CreateBookmark(mode.ConsentBookmark, consent.MemberId);
                open[consent.MemberId] = true;
            }

            asked++;
            var member = invited?.Member(consent.MemberId);
            if (member is null) continue;
            context.Notify("consent-request.member", $"{consent.MemberId}:r{stored.Round}", [member.Email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.ContactName)),
                ("opportunity", opportunity),
                ("shares", ShareModels(stored, consent.MemberId)),
                ("deadline", until),
                ("link", links.Declaration(issuer.Issue(stored.OpportunityId, member.MemberId, member.Nonce))),
                ("lead", EmailModels.Lead(settings))));
        }

        if (asked > 0) context.CreateTimer(until, TimerTag);
    }

    /// <summary>A member's shares of the round, in words for its emails.</summary>
    private static List<Dictionary<string, object?>> ShareModels(StoredAllocation stored, string memberId) =>
        stored.Result.Lots.SelectMany(l => l.Shares.Where(s => s.MemberId == memberId && s.Volume > 0).Select(s => EmailModels.Model(
            ("lot", $"Lot {l.LotId}: {l.Title}"),
            ("share", $"{AllocationRun.N(s.Volume)} {l.Unit} ({s.PercentOfLot.ToString("0.#", CultureInfo.InvariantCulture)}% of the lot)"),
            ("value", $"£{s.Value.ToString("N2", CultureInfo.InvariantCulture)}"),
            ("reason", s.Explanation)))).ToList();

    /// <summary>
    /// Members who keep their acceptance but whose share changed (it shrank) are told their new share: no answer is
    /// needed, but nobody's work changes without a word.
    /// </summary>
    private static async Task TellChangedAsync(ActivityContext context, StoredAllocation stored, IReadOnlyCollection<string> members)
    {
        var invited = context.GetVariable("invitations") is JsonObject i ? InvitedRound.From(i) : null;
        if (invited is null || members.Count == 0) return;
        var settings = context.TenderSettings();
        var issuer = context.Service<InvitationTokenIssuer>();
        var links = context.Service<PublicLinks>();
        var opportunity = await EmailModels.OpportunityAsync(context, stored.OpportunityId);
        foreach (var member in members.Select(invited.Member).OfType<InvitedMember>())
        {
            context.Notify("proposed-share.member", $"{member.MemberId}:r{stored.Round}", [member.Email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.ContactName)),
                ("opportunity", opportunity),
                ("shares", ShareModels(stored, member.MemberId)),
                ("link", links.Declaration(issuer.Issue(stored.OpportunityId, member.MemberId, member.Nonce))),
                ("lead", EmailModels.Lead(settings))));
        }
    }

    /// <summary>Handles a consent, a withdrawal or the consent deadline; returns the allocation as it now stands.</summary>
    public static async Task<StoredAllocation> HandleAsync(ActivityContext context, Mode mode, ResumeInput input, string opportunityId, string output)
    {
        var current = await AllocationRun.CurrentAsync(context, opportunityId);
        var due = Due(context);
        if (input.Kind == ResumeKind.Timer)
        {
            var late = current.Consents.Where(c => c.Status == ConsentStatus.Pending && due[c.MemberId] is JsonValue v
                                                   && DateTimeOffset.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture) <= context.Now)
                .Select(c => c.MemberId).ToList();
            return late.Count == 0
                ? current
                : await ReallocateAsync(context, mode, current, late, ConsentStatus.Declined, "did not answer by the consent deadline", output);
        }

        if (input.Bookmark == AllocationSignals.Withdrawal)
        {
            context.CreateBookmark(AllocationSignals.Withdrawal, opportunityId + mode.WithdrawalSuffix);
            var member = input.Payload?["memberId"]?.GetValue<string>() ?? "";
            var reason = input.Payload?["reason"]?.GetValue<string>() ?? "";
            if (AllocationRun.AllocatedMembers(current.Result).Contains(member))
                return await ReallocateAsync(context, mode, current, [member], ConsentStatus.Withdrawn, reason, output);
            context.Journal(JournalKinds.Note, $"withdrawal of {member} ignored: it holds no share");
            return current;
        }

        var memberId = input.Key ?? "";
        due.Remove(memberId);
        Open(context).Remove(memberId);
        var consent = current.Consents.FirstOrDefault(c => c.MemberId == memberId);
        if (consent is not { Status: ConsentStatus.Pending }) return current;
        var decision = input.Payload?["decision"]?.GetValue<string>();
        var why = input.Payload?["reason"]?.GetValue<string>();
        if (decision == "accept")
        {
            var accepted = current with { Consents = Replace(current.Consents, consent with { Status = ConsentStatus.Accepted, AnsweredAt = context.Now }) };
            await AllocationRun.SaveAsync(context, accepted, output);
            context.Journal(JournalKinds.Note, $"{NameOf(current, memberId)} accepted its share (round {current.Round})");
            return accepted;
        }

        return await ReallocateAsync(context, mode, current, [memberId], ConsentStatus.Declined, string.IsNullOrWhiteSpace(why) ? "no reason given" : why, output);
    }

    private static async Task<StoredAllocation> ReallocateAsync(ActivityContext context, Mode mode, StoredAllocation current, IReadOnlyList<string> leaving,
        ConsentStatus status, string reason, string output)
    {
        var withdrawn = current.Result.WithdrawnMemberIds.Union(leaving).ToList();
        var result = await AllocationRun.SolveAsync(context, current.OpportunityId, current.Result.Overrides, withdrawn);
        var before = current.Result.Volumes();
        var after = result.Volumes();
        var consents = current.Consents.Where(c => withdrawn.Contains(c.MemberId) && !leaving.Contains(c.MemberId)).ToList();
        consents.AddRange(leaving.Select(m => new MemberConsent(m, status, context.Now, reason)));
        foreach (var member in AllocationRun.AllocatedMembers(result))
        {
            var previous = current.Consents.FirstOrDefault(c => c.MemberId == member);
            var grew = after.Where(x => x.Key.MemberId == member).Any(x => x.Value > before.GetValueOrDefault(x.Key));
            consents.Add(previous is { Status: ConsentStatus.Accepted } && !grew ? previous : new MemberConsent(member, ConsentStatus.Pending));
        }

        var stored = await AllocationRun.SaveNewRoundAsync(context, current.OpportunityId, result, AllocationStatus.Approved, consents, output);
        var names = string.Join(", ", leaving.Select(m => NameOf(current, m)).Distinct());
        var verb = status == ConsentStatus.Withdrawn ? "withdrew" : "declined";
        var gapBefore = current.Result.Lots.Sum(l => l.Uncovered);
        var gapAfter = result.Lots.Sum(l => l.Uncovered);
        context.Journal(JournalKinds.Note, $"{names} {verb} ({reason}); allocation re-run as round {stored.Round}; uncovered {gapBefore} → {gapAfter}");
        var due = Due(context);
        foreach (var member in leaving) due.Remove(member);
        var changed = consents.Where(c => c.Status == ConsentStatus.Pending)
            .Where(c => after.Where(x => x.Key.MemberId == c.MemberId).Any(x => x.Value != before.GetValueOrDefault(x.Key)))
            .Select(c => c.MemberId).ToList();
        await AllocationRun.ReportToLeadAsync(context, stored, $"r{stored.Round}", $"{names} {verb}: {reason}");
        await AskAsync(context, mode, stored, changed);
        var shrunk = consents.Where(c => c.Status == ConsentStatus.Accepted)
            .Where(c => after.Where(x => x.Key.MemberId == c.MemberId).Any(x => x.Value != before.GetValueOrDefault(x.Key))
                        || before.Where(x => x.Key.MemberId == c.MemberId && x.Value > 0).Any(x => !after.ContainsKey(x.Key)))
            .Select(c => c.MemberId).ToList();
        await TellChangedAsync(context, stored, shrunk);
        return stored;
    }

    /// <summary>The member's name as the allocation knows it, for the journal; its id if it holds no share there.</summary>
    private static string NameOf(StoredAllocation allocation, string memberId) =>
        allocation.Result.Lots.SelectMany(l => l.Shares).FirstOrDefault(s => s.MemberId == memberId)?.MemberName ?? memberId;

    private static IReadOnlyList<MemberConsent> Replace(IReadOnlyList<MemberConsent> consents, MemberConsent updated) =>
        consents.Select(c => c.MemberId == updated.MemberId ? updated : c).ToList();
}
