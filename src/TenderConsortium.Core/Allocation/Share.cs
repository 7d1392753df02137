namespace TenderConsortium.Core.Allocation;

/// <summary>
/// A member's share of a lot: volume in the lot's unit, value (volume × its price), percent of the lot's demand, and
/// one plain sentence saying why. Members that declared and got nothing are listed too, with volume 0.
/// <see cref="Why"/> is that sentence's reasons alone (without the member's name and amount), for readers who see the
/// name and amount beside it (the member's own page, the bid pack's table); null on allocations stored before it existed.
/// </summary>
public sealed record Share(
    string MemberId,
    string MemberName,
    string LotId,
    long Volume,
    decimal Value,
    decimal PercentOfLot,
    string Explanation,
    string? OverrideReason = null,
    string? Why = null)
{
    /// <summary>The reasons as a sentence of their own ("All it declared; based locally."), for a reader who sees the
    /// member and amount beside them; the whole explanation for an allocation stored before reasons were kept apart.</summary>
    public string Reasons() => Why is { Length: > 0 } why ? char.ToUpperInvariant(why[0]) + why[1..] : Explanation;
}
