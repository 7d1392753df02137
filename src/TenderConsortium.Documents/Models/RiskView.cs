namespace TenderConsortium.Documents.Models;

/// <summary>One line of the risk register.</summary>
public sealed class RiskView
{
    public string Risk { get; set; } = "";

    public string Likelihood { get; set; } = "";

    public string Impact { get; set; } = "";

    public string Mitigation { get; set; } = "";

    public string Owner { get; set; } = "";
}
