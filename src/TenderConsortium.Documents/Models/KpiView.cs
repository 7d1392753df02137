namespace TenderConsortium.Documents.Models;

/// <summary>A key performance indicator with its monitoring return.</summary>
public sealed class KpiView
{
    public string Kpi { get; set; } = "";

    public string Target { get; set; } = "";

    public string Return { get; set; } = "";

    public string Frequency { get; set; } = "";
}
