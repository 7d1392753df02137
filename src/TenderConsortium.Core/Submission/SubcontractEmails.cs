using System.Globalization;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Core.Submission;

/// <summary>Sends each awarded member its sub-contract, attached, with what it covers and by when to sign.</summary>
public static class SubcontractEmails
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task SendAsync(ActivityContext context, string opportunityId, IReadOnlyList<(string MemberId, string Path)> files,
        IReadOnlyCollection<string>? awardedLots)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, opportunityId);
        var settings = context.TenderSettings();
        var members = (await BidMembers.LoadAsync(context, opportunityId)).ToDictionary(m => m.Member.MemberId);
        foreach (var (memberId, path) in files)
        {
            if (!members.TryGetValue(memberId, out var member)) continue;
            var lots = member.Shares.Where(s => awardedLots is null || awardedLots.Contains(s.Lot.LotId)).Select(s => EmailModels.Model(
                ("title", $"Lot {s.Lot.LotId}: {s.Lot.Title}"),
                ("value", $"£{s.Share.Value.ToString("N2", CultureInfo.InvariantCulture)} for {BidMembers.ShareText(s.Lot, s.Share)}"))).ToList();
            var name = Path.GetFileName(path);
            context.Notify("subcontract-issued.member", memberId, [member.Member.Email], EmailModels.Model(
                    ("member", EmailModels.Member(member.Member.Name, member.Member.ContactName)),
                    ("opportunity", opportunity),
                    ("lots", lots),
                    ("documentName", name),
                    ("respondBy", context.Now + TimeSpan.FromDays(14)),
                    ("link", member.Link),
                    ("lead", EmailModels.Lead(settings))),
                [new MailAttachment(name, path, WordContentType)]);
        }
    }
}
