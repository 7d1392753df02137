namespace TenderConsortium.Documents.Models;

/// <summary>The sub-contract's own figures: scope lines, total, KPIs and the member's social-value commitments.</summary>
public sealed class SubcontractView
{
    public string Reference { get; set; } = "";

    public string Scope { get; set; } = "";

    public List<SubcontractLineView> Lines { get; set; } = [];

    public string Total { get; set; } = "";

    public List<KpiView> Kpis { get; set; } = [];

    public List<SocialValueCommitmentView> SocialValue { get; set; } = [];
}
