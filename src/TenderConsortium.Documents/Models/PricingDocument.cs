namespace TenderConsortium.Documents.Models;

/// <summary>What templates/pricing.xlsx's placeholders are filled from.</summary>
public sealed class PricingDocument
{
    public ConsortiumView Consortium { get; set; } = new();

    public OpportunityView Opportunity { get; set; } = new();

    public PricingSheetView Pricing { get; set; } = new();
}
