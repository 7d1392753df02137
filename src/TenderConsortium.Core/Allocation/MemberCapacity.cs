namespace TenderConsortium.Core.Allocation;

/// <summary>
/// A member's overall capacity across all lots, in the lots' unit (state it only where the lots share a unit).
/// A member without one is limited by its offers alone.
/// </summary>
public sealed record MemberCapacity(string MemberId, long MaxVolume);
