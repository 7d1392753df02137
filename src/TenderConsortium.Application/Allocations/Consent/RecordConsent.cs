namespace TenderConsortium.Application.Allocations.Consent;

/// <summary>
/// A member's answer to its proposed share: accept, or decline with a reason. From its link (<see cref="Token"/>) or,
/// for the lead or an operator, by <see cref="Opportunity"/> and <see cref="MemberId"/>.
/// </summary>
public sealed record RecordConsent(bool Accept, string? Reason)
{
    public string? Token { get; init; }

    public string? Opportunity { get; init; }

    public string? MemberId { get; init; }

    public string? Actor { get; init; }

    public static RecordConsent FromLink(string? token, bool accept, string? reason) => new(accept, reason) { Token = token };

    public static RecordConsent ForMember(string opportunity, string memberId, bool accept, string? reason, string actor) =>
        new(accept, reason) { Opportunity = opportunity, MemberId = memberId, Actor = actor };
}
