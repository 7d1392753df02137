namespace TenderConsortium.Documents.Models;

/// <summary>One lot of a sub-contract's scope.</summary>
public sealed class SubcontractLineView
{
    public string Lot { get; set; } = "";

    public string Title { get; set; } = "";

    public string Volume { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Areas { get; set; } = "";

    public string From { get; set; } = "";

    public string UnitPrice { get; set; } = "";

    public string Value { get; set; } = "";
}
