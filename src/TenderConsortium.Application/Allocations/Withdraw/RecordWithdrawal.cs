namespace TenderConsortium.Application.Allocations.Withdraw;

/// <summary>A member that accepted its share leaves the bid, with a reason: from its link, or recorded by the lead.</summary>
public sealed record RecordWithdrawal(string? Reason)
{
    public string? Token { get; init; }

    public string? Opportunity { get; init; }

    public string? MemberId { get; init; }

    public string? Actor { get; init; }

    public static RecordWithdrawal FromLink(string? token, string? reason) => new(reason) { Token = token };

    public static RecordWithdrawal ForMember(string opportunity, string memberId, string? reason, string actor) =>
        new(reason) { Opportunity = opportunity, MemberId = memberId, Actor = actor };
}
