using System.Globalization;
using System.Text.Json.Nodes;

namespace TenderConsortium.Core.Invitations;

/// <summary>InviteMembers' output as the later stages read it back from the instance's variables.</summary>
public sealed record InvitedRound(string OpportunityId, string Title, DateTimeOffset Deadline, DateTimeOffset ClosesAt, IReadOnlyList<InvitedMember> Members)
{
    public static InvitedRound From(JsonObject node) => new(
        node["opportunityId"]!.GetValue<string>(),
        node["title"]?.GetValue<string>() ?? "",
        DateTimeOffset.Parse(node["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(node["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        (node["members"] as JsonArray ?? []).OfType<JsonObject>().Select(m => new InvitedMember(
            m["memberId"]!.GetValue<string>(), m["name"]!.GetValue<string>(), m["contactName"]?.GetValue<string>(), m["email"]!.GetValue<string>(),
            m["nonce"]!.GetValue<string>())).ToList());

    public InvitedMember? Member(string memberId) => Members.FirstOrDefault(m => m.MemberId == memberId);
}

/// <summary>An invited member: the nonce lets the node rebuild its link for reminders (see <see cref="InvitationTokenIssuer"/>).</summary>
public sealed record InvitedMember(string MemberId, string Name, string? ContactName, string Email, string Nonce);
