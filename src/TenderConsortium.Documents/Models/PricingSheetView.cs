namespace TenderConsortium.Documents.Models;

/// <summary>The pricing schedule's single values; its rows are generated from the engine's schedule.</summary>
public sealed class PricingSheetView
{
    /// <summary>A number (0.05), so the fee formulas can refer to its cell.</summary>
    public decimal FeeRate { get; set; }

    public string Currency { get; set; } = "";

    public string Date { get; set; } = "";

    public string Note { get; set; } = "";
}
