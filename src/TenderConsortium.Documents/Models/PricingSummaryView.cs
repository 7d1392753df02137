namespace TenderConsortium.Documents.Models;

/// <summary>The pricing summary in the pack; the full schedule is the spreadsheet.</summary>
public sealed class PricingSummaryView
{
    public string Note { get; set; } = "";

    public List<PricingLotView> Lots { get; set; } = [];

    public string Members { get; set; } = "";

    public string Fee { get; set; } = "";

    public string Total { get; set; } = "";
}
