namespace TenderConsortium.Core.Allocation;

/// <summary>Where an opportunity's allocation stands: proposed by the solver, approved by the lead, accepted by every allocated member.</summary>
public enum AllocationStatus
{
    Proposed,
    Approved,
    Accepted,
}
