namespace TenderConsortium.Documents.Models;

/// <summary>The consortium and its lead body.</summary>
public sealed class ConsortiumView
{
    public string Name { get; set; } = "";

    public string LeadName { get; set; } = "";

    public string LeadRegistration { get; set; } = "";

    public string LeadAddress { get; set; } = "";

    public string Signatory { get; set; } = "";

    /// <summary>The management fee as a percentage, e.g. "5.0%".</summary>
    public string FeeRate { get; set; } = "";

    public string PaymentDays { get; set; } = "";
}
