namespace TenderConsortium.Documents.Models;

/// <summary>The sub-contract's clauses, written by the engine so the 30-day term can never be edited out of a template.</summary>
public sealed class ClausesView
{
    public string Price { get; set; } = "";

    public string Payment { get; set; } = "";

    public string Monitoring { get; set; } = "";

    public string SocialValue { get; set; } = "";

    public string Variation { get; set; } = "";

    public string Exit { get; set; } = "";

    public string Insurance { get; set; } = "";

    public string Safeguarding { get; set; } = "";

    public string DataProtection { get; set; } = "";

    public string Tupe { get; set; } = "";

    public string StepIn { get; set; } = "";

    public string GoverningLaw { get; set; } = "";
}
