using System.Globalization;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Declarations;

/// <summary>
/// "AwaitDeclarations": waits for each invited member's declaration (one bookmark per member; a member may answer
/// again until the round closes, the last answer counting), reminds those who have not answered at the settings'
/// offsets before the deadline, and closes the round at the deadline (plus grace) or as soon as everyone has answered.
/// The lead can extend the round or close it now through the <c>declarations-round</c> bookmark.
/// Who has answered is read from the declaration store, so a declaration whose signal was lost in a crash still counts.
/// </summary>
public sealed class AwaitDeclarationsActivity : IActivity
{
    public const string TypeName = "AwaitDeclarations";
    private const string DeadlineTag = "deadline";
    private const string ReminderTag = "reminder:";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Waits for members' capacity declarations until the deadline, with reminders; closes early when all have answered.",
        Properties =
        [
            new PropertyDescriptor("invitations", ValueKind.String, false, "Variable holding InviteMembers' output.", JsonValue.Create("invitations"), AllowsReference: false),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the round's summary.", JsonValue.Create("declarations"), AllowsReference: false),
        ],
        Waits = true,
        Bookmarks = _ =>
        [
            new BookmarkDeclaration(DeclarationSignals.Declaration, null, PayloadSchema.Any),
            new BookmarkDeclaration(DeclarationSignals.Round, null, new PayloadSchema(
            [
                new PayloadField("action", "string", true, ["extend", "close"]),
                new PayloadField("until", "string", false, null),
            ])),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var round = Round(context);
        var state = context.ActivityState;
        state.Clear();
        state["closesAt"] = round.ClosesAt.ToString("O", CultureInfo.InvariantCulture);
        foreach (var member in round.Members) context.CreateBookmark(DeclarationSignals.Declaration, member.MemberId);
        context.CreateBookmark(DeclarationSignals.Round, round.OpportunityId);
        context.CreateTimer(round.ClosesAt, DeadlineTag);
        foreach (var offset in context.TenderSettings().Reminders)
        {
            var at = round.Deadline - offset;
            if (at > context.Now) context.CreateTimer(at, ReminderTag + ValueConversion.FormatDuration(offset));
        }

        if (round.Members.Count == 0) return CloseAsync(context, round, "nobody could be invited");
        return ValueTask.FromResult(ActivityResult.Suspend);
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var round = Round(context);
        var closesAt = DateTimeOffset.Parse(context.ActivityState["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        if (input.Kind == ResumeKind.Timer)
        {
            if (input.TimerTag == DeadlineTag)
                return context.Now >= closesAt ? await CloseAsync(context, round, "the deadline passed") : ActivityResult.Suspend;
            if (input.TimerTag?.StartsWith(ReminderTag, StringComparison.Ordinal) == true)
                await RemindAsync(context, round, input.TimerTag[ReminderTag.Length..]);
            return ActivityResult.Suspend;
        }

        if (input.Bookmark == DeclarationSignals.Round)
        {
            var action = input.Payload?["action"]?.GetValue<string>();
            if (action == "close") return await CloseAsync(context, round, $"closed early by {input.Actor ?? "the lead"}");
            var untilText = input.Payload?["until"]?.GetValue<string>();
            context.CreateBookmark(DeclarationSignals.Round, round.OpportunityId);
            if (untilText is null || !DateTimeOffset.TryParse(untilText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) || until <= context.Now)
            {
                context.Journal(JournalKinds.Note, $"extension ignored: 'until' must be a future date and time, got '{untilText}'");
                return ActivityResult.Suspend;
            }

            await context.Service<IInvitationStore>().ExtendRoundAsync(round.OpportunityId, until);
            context.ActivityState["closesAt"] = until.ToString("O", CultureInfo.InvariantCulture);
            context.CreateTimer(until, DeadlineTag);
            context.Journal(JournalKinds.Note, $"declarations extended to {JournalTime.Of(until)} by {input.Actor ?? "the lead"}");
            return ActivityResult.Suspend;
        }

        var memberId = input.Key ?? "";
        var member = round.Members.FirstOrDefault(m => m.MemberId == memberId);
        if (member is null) return ActivityResult.Suspend;
        context.CreateBookmark(DeclarationSignals.Declaration, memberId);
        if (input.Payload is JsonObject { } signal && signal["unreachable"] is JsonValue refused)
            return await UnreachableAsync(context, round, member, refused.ToString());
        var latest = await context.Service<IDeclarationStore>().LatestAsync(round.OpportunityId);
        var declaration = latest.FirstOrDefault(d => d.MemberId == memberId);
        if (declaration is null) return ActivityResult.Suspend;
        var settings = context.TenderSettings();
        var answered = latest.Count(d => round.Members.Any(m => m.MemberId == d.MemberId));
        var (opportunity, lots) = await OpportunityAsync(context, round.OpportunityId);
        var links = context.Service<PublicLinks>();
        var offers = declaration.Lots.Select(l => EmailModels.Model(("title", lots.GetValueOrDefault(l.LotId, l.LotId)), ("offer", OfferText(l, round)))).ToList();
        var memberModel = EmailModels.Member(member.Name, member.ContactName);
        var link = links.Declaration(context.Service<InvitationTokenIssuer>().Issue(round.OpportunityId, member.MemberId, member.Nonce));
        context.Notify("declaration-receipt.member", $"{memberId}:r{declaration.Revision}", [member.Email], EmailModels.Model(
            ("member", memberModel), ("opportunity", opportunity), ("declined", declaration.Declined), ("lots", offers),
            ("deadline", round.Deadline), ("link", link)));
        context.Notify("response-received.lead", $"{memberId}:r{declaration.Revision}", settings.LeadEmails, EmailModels.Model(
            ("member", memberModel), ("opportunity", opportunity), ("declined", declaration.Declined), ("lots", offers),
            ("received", answered), ("invited", round.Members.Count), ("link", links.Opportunity(round.OpportunityId))));
        var unreachable = Unreachable(context).Count(id => latest.All(d => d.MemberId != id));
        if (settings.CompleteWhenAllAnswered && answered + unreachable >= round.Members.Count)
            return await CloseAsync(context, round, unreachable == 0 ? "every invited member has answered" : "every invited member has answered or cannot be reached");
        return ActivityResult.Suspend;
    }

    /// <summary>
    /// The mail relay refused the member's address for good (see the node's refused-address guard): nobody can reach it, so
    /// the round stops waiting for it. It can still answer if it opens its link some other way.
    /// </summary>
    private static async ValueTask<ActivityResult> UnreachableAsync(ActivityContext context, InvitedRound round, InvitedMember member, string reason)
    {
        var unreachable = Unreachable(context);
        if (!unreachable.Contains(member.MemberId))
        {
            context.ActivityState["unreachable"] = new JsonArray([.. unreachable.Append(member.MemberId).Select(id => (JsonNode)JsonValue.Create(id))]);
            context.Journal(JournalKinds.Note, $"{member.Name} cannot be reached at {member.Email} (the mail server said: {reason}); the round does not wait for them");
        }

        var answered = (await context.Service<IDeclarationStore>().LatestAsync(round.OpportunityId)).Select(d => d.MemberId).Where(id => round.Member(id) is not null).ToHashSet();
        var waitingFor = round.Members.Count(m => !answered.Contains(m.MemberId) && !Unreachable(context).Contains(m.MemberId));
        if (context.TenderSettings().CompleteWhenAllAnswered && waitingFor == 0)
            return await CloseAsync(context, round, "every invited member has answered or cannot be reached");
        return ActivityResult.Suspend;
    }

    private static List<string> Unreachable(ActivityContext context) =>
        (context.ActivityState["unreachable"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();

    private static async ValueTask<ActivityResult> CloseAsync(ActivityContext context, InvitedRound round, string why)
    {
        await context.Service<IInvitationStore>().CloseRoundAsync(round.OpportunityId, context.Now);
        var latest = (await context.Service<IDeclarationStore>().LatestAsync(round.OpportunityId))
            .Where(d => round.Members.Any(m => m.MemberId == d.MemberId)).ToList();
        var declared = latest.Where(d => !d.Declined).ToList();
        var declined = latest.Where(d => d.Declined).ToList();
        var silent = round.Members.Where(m => latest.All(d => d.MemberId != m.MemberId)).ToList();
        var settings = context.TenderSettings();
        var (opportunity, lots) = await OpportunityAsync(context, round.OpportunityId);
        context.Notify("declarations-summary.lead", "", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity),
            ("deadline", round.Deadline),
            ("why", why),
            ("invited", round.Members.Count),
            ("declared", declared.Count),
            ("declined", declined.Count),
            ("missing", silent.Select(m => EmailModels.Model(("name", m.Name))).ToList()),
            ("lots", lots.Select(l => EmailModels.Model(
                ("title", l.Value),
                ("offers", declared.Count(d => d.Lot(l.Key) is not null)),
                ("covered", declared.Any(d => d.Lot(l.Key) is not null)))).ToList()),
            ("link", context.Service<PublicLinks>().Opportunity(round.OpportunityId))));
        context.SetVariable(context.Get<string>("output", ValueKind.String), new JsonObject
        {
            ["opportunityId"] = round.OpportunityId,
            ["closedAt"] = context.Now.ToString("O", CultureInfo.InvariantCulture),
            ["why"] = why,
            ["declared"] = new JsonArray(declared.Select(d => (JsonNode)JsonValue.Create(d.MemberId)).ToArray()),
            ["declined"] = new JsonArray(declined.Select(d => (JsonNode)JsonValue.Create(d.MemberId)).ToArray()),
            ["silent"] = new JsonArray(silent.Select(m => (JsonNode)JsonValue.Create(m.MemberId)).ToArray()),
        });
        context.Journal(JournalKinds.Note, $"declarations closed ({why}): {declared.Count} declared, {declined.Count} declined, {silent.Count} did not answer");
        return ActivityResult.Done;
    }

    private static async Task RemindAsync(ActivityContext context, InvitedRound round, string offset)
    {
        var answered = (await context.Service<IDeclarationStore>().LatestAsync(round.OpportunityId)).Select(d => d.MemberId).ToHashSet();
        var invitations = (await context.Service<IInvitationStore>().ListAsync(round.OpportunityId)).ToDictionary(i => i.MemberId);
        var settings = context.TenderSettings();
        var issuer = context.Service<InvitationTokenIssuer>();
        var links = context.Service<PublicLinks>();
        var (opportunity, _) = await OpportunityAsync(context, round.OpportunityId);
        var reminded = 0;
        foreach (var member in round.Members.Where(m => !answered.Contains(m.MemberId)))
        {
            if (!invitations.TryGetValue(member.MemberId, out var invitation) || !invitation.IsOpenAt(context.Now)) continue;
            context.Notify("reminder.member", $"{offset}:{member.MemberId}", [member.Email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.ContactName)),
                ("opportunity", opportunity),
                ("deadline", round.Deadline),
                ("timeLeft", TimeLeft(round.Deadline - context.Now)),
                ("link", links.Declaration(issuer.Issue(round.OpportunityId, member.MemberId, member.Nonce))),
                ("lead", EmailModels.Lead(settings))));
            reminded++;
        }

        context.Journal(JournalKinds.Note, $"reminder {offset} before the deadline: {Wording.Count(reminded, "member")} reminded");
    }

    private static async Task<(Dictionary<string, object?> Model, Dictionary<string, string> LotTitles)> OpportunityAsync(ActivityContext context, string opportunityId)
    {
        var found = await context.Service<IMatchingSource>().FindOpportunityAsync(opportunityId)
                    ?? throw new InvalidOperationException($"no opportunity with id '{opportunityId}'");
        return (EmailModels.Opportunity(found.Id, found.Opportunity, context.Service<PublicLinks>()),
            found.Opportunity.Lots.ToDictionary(l => l.Id, l => $"Lot {l.Id}: {l.Title}"));
    }

    private static string OfferText(LotDeclaration lot, InvitedRound round) =>
        $"up to {lot.Volume.ToString("N0", CultureInfo.InvariantCulture)} at £{lot.PricePerUnit.ToString("0.00", CultureInfo.InvariantCulture)} each, from {lot.EarliestStart.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";

    private static string TimeLeft(TimeSpan left) => left.TotalDays >= 1.5
        ? $"{Math.Round(left.TotalDays)} days"
        : left.TotalHours >= 1.5 ? $"{Math.Round(left.TotalHours)} hours" : "less than 2 hours";

    private static InvitedRound Round(ActivityContext context)
    {
        var path = context.Get<string>("invitations", ValueKind.String);
        return InvitedRound.From(context.GetVariable(path) as JsonObject
                                 ?? throw new InvalidOperationException($"AwaitDeclarations: variable '{path}' holds no invitations; run InviteMembers first."));
    }
}
