namespace TenderConsortium.Core.Allocation;

/// <summary>
/// A member's declaration for one lot: up to <paramref name="Volume"/> whole units at <paramref name="PricePerUnit"/>.
/// Quality and social value are scores from 0 (worst) to 1 (best). <paramref name="IsMicro"/>: fewer than 10 staff
/// (see <see cref="AllocationRules.MicroStaffBelow"/>). <paramref name="IsLocal"/>: based in one of the lot's council
/// areas. <paramref name="RecentAwards"/>: shares the member won recently, for rotation. One offer per member per lot.
/// </summary>
public sealed record Offer(
    string MemberId,
    string MemberName,
    string LotId,
    long Volume,
    decimal PricePerUnit,
    decimal Quality = 0.5m,
    decimal SocialValue = 0.5m,
    bool IsMicro = false,
    bool IsLocal = false,
    int RecentAwards = 0);
