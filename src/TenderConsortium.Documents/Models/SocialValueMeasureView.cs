namespace TenderConsortium.Documents.Models;

/// <summary>A measure's total and who contributes it.</summary>
public sealed class SocialValueMeasureView
{
    public string Measure { get; set; } = "";

    public string Description { get; set; } = "";

    public string Total { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Attribution { get; set; } = "";
}
