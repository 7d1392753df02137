namespace TenderConsortium.Documents.Models;

/// <summary>Consortium structure and governance, in words built from the profile and the allocation rules.</summary>
public sealed class GovernanceView
{
    public string OperatingModel { get; set; } = "";

    public string LeadAuthority { get; set; } = "";

    public string DecisionMaking { get; set; } = "";

    public string MembershipChanges { get; set; } = "";
}
