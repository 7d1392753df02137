namespace TenderConsortium.Core.Reviews;

/// <summary>Where a P4P adviser's review of a bid pack stands.</summary>
public enum ReviewDecision
{
    Pending,
    Approved,
    ChangesRequested,
}
