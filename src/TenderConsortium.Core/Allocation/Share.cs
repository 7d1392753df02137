namespace TenderConsortium.Core.Allocation;

/// <summary>
/// A member's share of a lot: volume in the lot's unit, value (volume × its price), percent of the lot's demand, and
/// one plain sentence saying why. Members that declared and got nothing are listed too, with volume 0.
/// </summary>
public sealed record Share(
    string MemberId,
    string MemberName,
    string LotId,
    long Volume,
    decimal Value,
    decimal PercentOfLot,
    string Explanation,
    string? OverrideReason = null);
