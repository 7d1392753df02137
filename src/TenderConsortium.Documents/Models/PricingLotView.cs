namespace TenderConsortium.Documents.Models;

/// <summary>A lot's line in the pricing summary.</summary>
public sealed class PricingLotView
{
    public string Lot { get; set; } = "";

    public string Title { get; set; } = "";

    public string Members { get; set; } = "";

    public string Fee { get; set; } = "";

    public string Total { get; set; } = "";
}
