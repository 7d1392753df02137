namespace TenderConsortium.Documents.Models;

/// <summary>
/// What templates/bid-pack.docx is filled from. Top-level properties are the top-level placeholder names
/// ("opportunity.title", "each lot in lots"); every value is already text, formatted for the reader.
/// </summary>
public sealed class BidPackDocument
{
    public ConsortiumView Consortium { get; set; } = new();

    public OpportunityView Opportunity { get; set; } = new();

    public CoverView Cover { get; set; } = new();

    public GovernanceView Governance { get; set; } = new();

    public List<MemberView> Members { get; set; } = [];

    public List<LotView> Lots { get; set; } = [];

    public List<CriterionView> Criteria { get; set; } = [];

    public SocialValueView SocialValue { get; set; } = new();

    public List<RiskView> Risks { get; set; } = [];

    public SpdView Spd { get; set; } = new();

    public PricingSummaryView Pricing { get; set; } = new();

    public ChecksView Checks { get; set; } = new();
}
