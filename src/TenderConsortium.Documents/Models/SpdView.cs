namespace TenderConsortium.Documents.Models;

/// <summary>The SPD checklist: the lead's Part II.A and each member's items.</summary>
public sealed class SpdView
{
    public string LeadRole { get; set; } = "";

    public string GroupName { get; set; } = "";

    public string GroupMembers { get; set; } = "";

    public string LeadAnswers { get; set; } = "";

    public string LeadSubcontracted { get; set; } = "";

    public string ReliedOn { get; set; } = "";

    public List<SpdMemberView> Members { get; set; } = [];
}
