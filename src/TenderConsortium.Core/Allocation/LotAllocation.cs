namespace TenderConsortium.Core.Allocation;

/// <summary>One lot's split: shares (member id order), the demand left uncovered (the gap), and the objective of this lot.</summary>
public sealed record LotAllocation(
    string LotId,
    string Title,
    long Demand,
    string Unit,
    IReadOnlyList<Share> Shares,
    long Uncovered,
    ObjectiveBreakdown Objective)
{
    public long Covered => Demand - Uncovered;
}
