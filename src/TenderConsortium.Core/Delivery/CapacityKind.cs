namespace TenderConsortium.Core.Delivery;

/// <summary>Where a line of a member's capacity ledger comes from.</summary>
public enum CapacityKind
{
    /// <summary>What it said it can deliver, in its latest declaration to a live bid.</summary>
    Declared,

    /// <summary>Its share in the current allocation of a bid not yet decided by the buyer.</summary>
    Allocated,

    /// <summary>Its sub-contracted volume in a contract in delivery.</summary>
    Contracted,
}
