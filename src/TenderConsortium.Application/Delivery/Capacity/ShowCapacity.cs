namespace TenderConsortium.Application.Delivery.Capacity;

/// <param name="Member">One member's ledger (its page); every member's when null (the lead).</param>
/// <param name="OverCommittedOnly">Only members that would be over-committed, and only their months over.</param>
public sealed record ShowCapacity(string? Member = null, bool OverCommittedOnly = false, string? ConsortiumId = null);
