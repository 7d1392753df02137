using System.Globalization;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Core.Submission;

/// <summary>The members in the bid (those holding an accepted share) with their shares and personal links, for the late-stage emails.</summary>
internal static class BidMembers
{
    public static async Task<IReadOnlyList<(InvitedMember Member, IReadOnlyList<(LotAllocation Lot, Share Share)> Shares, string Link)>> LoadAsync(
        ActivityContext context, string opportunityId)
    {
        var allocation = await context.Service<IAllocationStore>().CurrentAsync(opportunityId);
        var invited = context.GetVariable("invitations") is JsonObject i ? InvitedRound.From(i) : null;
        if (allocation is null || invited is null) return [];
        var issuer = context.Service<InvitationTokenIssuer>();
        var links = context.Service<PublicLinks>();
        var result = new List<(InvitedMember, IReadOnlyList<(LotAllocation, Share)>, string)>();
        foreach (var consent in allocation.Consents.Where(c => c.Status == ConsentStatus.Accepted))
        {
            if (invited.Member(consent.MemberId) is not { } member) continue;
            var shares = allocation.Result.Lots.SelectMany(l => l.Shares.Where(s => s.MemberId == member.MemberId && s.Volume > 0).Select(s => (l, s))).ToList();
            result.Add((member, shares, links.Declaration(issuer.Issue(opportunityId, member.MemberId, member.Nonce))));
        }

        return result;
    }

    public static string ShareText(LotAllocation lot, Share share) =>
        $"{share.Volume.ToString("N0", CultureInfo.InvariantCulture)} {lot.Unit} ({share.PercentOfLot.ToString("0.#", CultureInfo.InvariantCulture)}%)";
}
