namespace TenderConsortium.Application.Allocation.Rerun;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
public sealed record RerunAllocation(string Opportunity, string Actor, string? ConsortiumId = null);
