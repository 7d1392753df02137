namespace TenderConsortium.Documents.Models;

/// <summary>One row of the compliance matrix.</summary>
public sealed class CriterionView
{
    public string Kind { get; set; } = "";

    public string Lot { get; set; } = "";

    public string Criterion { get; set; } = "";

    public string Weight { get; set; } = "";

    public string Section { get; set; } = "";

    public string Reason { get; set; } = "";
}
