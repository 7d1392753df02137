namespace TenderConsortium.Documents.Models;

/// <summary>What templates/subcontract.docx is filled from, once per awarded member.</summary>
public sealed class SubcontractDocument
{
    public ConsortiumView Consortium { get; set; } = new();

    public OpportunityView Opportunity { get; set; } = new();

    public MemberView Member { get; set; } = new();

    public SubcontractView Subcontract { get; set; } = new();

    public ClausesView Clauses { get; set; } = new();
}
