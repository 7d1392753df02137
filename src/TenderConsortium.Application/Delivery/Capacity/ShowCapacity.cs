namespace TenderConsortium.Application.Delivery.Capacity;

/// <param name="Member">One member's ledger (its page); every member's when null (the lead).</param>
/// <param name="OverCommittedOnly">Only members that would be over-committed, and only their months over.</param>
/// <param name="Opportunity">Only the members holding a share in this opportunity's current allocation (the approval screen).</param>
public sealed record ShowCapacity(string? Member = null, bool OverCommittedOnly = false, string? ConsortiumId = null, string? Opportunity = null);
