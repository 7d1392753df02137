namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The exact optimum for the stated objective: per lot the shares and gap, the objective (total and per lot), the
/// big-M penalties used, the lead's overrides that were applied and the members removed by withdrawal.
/// </summary>
public sealed record AllocationResult(
    IReadOnlyList<LotAllocation> Lots,
    ObjectiveBreakdown Objective,
    long UncoveredPenaltyPerUnit,
    long FloorPenaltyPerUnit,
    IReadOnlyList<ShareOverride> Overrides,
    IReadOnlyList<string> WithdrawnMemberIds)
{
    public LotAllocation Lot(string lotId) =>
        Lots.FirstOrDefault(l => l.LotId == lotId) ?? throw new KeyNotFoundException($"no lot '{lotId}'");

    /// <summary>The member's share of a lot, or null when it made no offer there.</summary>
    public Share? ShareOf(string memberId, string lotId) =>
        Lot(lotId).Shares.FirstOrDefault(s => s.MemberId == memberId);

    /// <summary>Volume per (member, lot), the form the objective is evaluated on.</summary>
    public IReadOnlyDictionary<(string MemberId, string LotId), long> Volumes() =>
        Lots.SelectMany(l => l.Shares).ToDictionary(s => (s.MemberId, s.LotId), s => s.Volume);
}
