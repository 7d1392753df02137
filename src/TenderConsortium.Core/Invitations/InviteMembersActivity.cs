using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Invitations;

/// <summary>
/// "InviteMembers": opens the declaration round for an opportunity and emails each shortlisted member its personal
/// link. Lot terms (unit and demand per lot) come from the <c>lotTerms</c> property or setting; a lot without terms is
/// split by value. Re-running after a crash issues fresh tokens and replaces the stored hashes, so the link in the
/// email that finally commits is the one that works.
/// </summary>
public sealed class InviteMembersActivity : IActivity
{
    public const string TypeName = "InviteMembers";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Opens the declaration round and emails each shortlisted member a personal link to declare capacity.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("shortlist", ValueKind.String, false, "Variable holding MatchPartners' result.", JsonValue.Create("shortlist"), AllowsReference: false),
            new PropertyDescriptor("deadline", ValueKind.DateTime, false, "Declaration deadline; default now + settings.declarationPeriod."),
            new PropertyDescriptor("lotTerms", ValueKind.Object, false, "Per lot id: {\"unit\": \"hours\", \"demand\": 5000, \"referencePrice\": 30}."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the invitations.", JsonValue.Create("invitations"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var settings = context.TenderSettings();
        var key = context.Get<string>("opportunity", ValueKind.String);
        var found = await context.Service<IMatchingSource>().FindOpportunityAsync(key)
                    ?? throw new InvalidOperationException($"InviteMembers: no opportunity with id or OCID '{key}'.");
        var (opportunityId, opportunity) = found;
        var shortlistPath = context.Get<string>("shortlist", ValueKind.String);
        var shortlist = context.GetVariable(shortlistPath)?.Deserialize<MatchResult>(DomainJson.Options)
                        ?? throw new InvalidOperationException($"InviteMembers: variable '{shortlistPath}' holds no shortlist; run MatchPartners first.");

        var deadline = context.GetOptional<DateTimeOffset?>("deadline", ValueKind.DateTime) ?? context.Now + settings.DeclarationPeriod;
        var closesAt = deadline + settings.DeclarationGrace;
        var terms = LotTermsReader.Read(opportunity, context.Resolve("lotTerms") as JsonObject ?? context.ResolvePath("settings.lotTerms") as JsonObject);

        var memberIds = shortlist.Lots
            .SelectMany(l => settings.InvitePerLot > 0 ? l.Candidates.Take(settings.InvitePerLot) : l.Candidates)
            .Select(c => c.MemberId).Distinct().ToList();
        var members = await context.Service<IMemberDirectory>().FindAsync(memberIds);
        var issuer = context.Service<InvitationTokenIssuer>();
        var links = context.Service<PublicLinks>();

        var invited = new JsonArray();
        var skipped = new JsonArray();
        var rows = new List<(Invitation, string)>();
        var emails = new List<(string MemberId, Member Member, string Email, string Token)>();
        foreach (var id in memberIds)
        {
            if (!members.TryGetValue(id, out var member))
            {
                skipped.Add(new JsonObject { ["memberId"] = id, ["reason"] = "no longer in the registry" });
                continue;
            }

            var email = member.Contacts.Select(c => c.Email).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
            if (email is null)
            {
                skipped.Add(new JsonObject { ["memberId"] = id, ["name"] = member.Name, ["reason"] = "no contact email in the registry" });
                continue;
            }

            var nonce = InvitationTokenIssuer.NewNonce();
            var token = issuer.Issue(opportunityId, id, nonce);
            rows.Add((new Invitation(opportunityId, id, member.Name, email, context.InstanceId, context.Now, closesAt), InvitationToken.Hash(token)));
            emails.Add((id, member, email, token));
            invited.Add(new JsonObject
            {
                ["memberId"] = id,
                ["name"] = member.Name,
                ["contactName"] = member.Contacts.FirstOrDefault(c => c.Email == email)?.Name,
                ["email"] = email,
                ["nonce"] = nonce,
            });
        }

        await context.Service<IInvitationStore>().OpenRoundAsync(new DeclarationRound(opportunityId, context.InstanceId, deadline, closesAt, terms), rows);

        var opportunityModel = EmailModels.Opportunity(opportunityId, opportunity, links);
        foreach (var (memberId, member, email, token) in emails)
        {
            context.Notify("invitation.member", memberId, [email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.Contacts.FirstOrDefault(c => c.Email == email)?.Name)),
                ("opportunity", opportunityModel),
                ("lots", LotModels(opportunity, terms, shortlist, memberId)),
                ("deadline", deadline),
                ("link", links.Declaration(token)),
                ("lead", EmailModels.Lead(settings))));
        }

        var output = context.Get<string>("output", ValueKind.String);
        context.SetVariable(output, new JsonObject
        {
            ["opportunityId"] = opportunityId,
            ["title"] = opportunity.Title,
            ["deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture),
            ["closesAt"] = closesAt.ToString("O", CultureInfo.InvariantCulture),
            ["members"] = invited,
            ["skipped"] = skipped,
        });
        context.Journal(JournalKinds.Note, $"invited {Wording.Count(invited.Count, "member")} to declare by {JournalTime.Of(deadline)}" + (skipped.Count > 0 ? $"; {skipped.Count} could not be invited" : ""));
        return ActivityResult.Done;
    }

    /// <summary>The lots the member was shortlisted for, in words for the email.</summary>
    private static List<Dictionary<string, object?>> LotModels(Opportunity opportunity, IReadOnlyList<LotTerms> terms, MatchResult shortlist, string memberId) =>
        LotOrder.Sort(shortlist.Lots.Where(l => l.Candidates.Any(c => c.MemberId == memberId)), l => l.LotId)
            .Select(l => (Lot: opportunity.Lots.First(x => x.Id == l.LotId), Terms: terms.First(t => t.LotId == l.LotId)))
            .Select(x => EmailModels.Model(("title", $"Lot {x.Lot.Id}: {x.Lot.Title}"), ("summary", DemandText(x.Terms))))
            .ToList();

    public static string DemandText(LotTerms terms) => terms.Unit == LotUnits.Value
        ? $"£{terms.Demand.ToString("N0", CultureInfo.InvariantCulture)} of work to share"
        : $"{terms.Demand.ToString("N0", CultureInfo.InvariantCulture)} {terms.Unit} to share";
}
