namespace TenderConsortium.Application.Allocation.Approve;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="Confirm">The lead saw the consequence (work the shares leave uncovered) and approves anyway.</param>
public sealed record ApproveAllocation(string Opportunity, string Actor, bool Confirm = false, string? ConsortiumId = null);
