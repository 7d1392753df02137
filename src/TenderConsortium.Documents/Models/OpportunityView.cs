namespace TenderConsortium.Documents.Models;

/// <summary>The notice as the documents print it.</summary>
public sealed class OpportunityView
{
    public string Title { get; set; } = "";

    public string Buyer { get; set; } = "";

    public string Reference { get; set; } = "";

    public string Ocid { get; set; } = "";

    public string Deadline { get; set; } = "";

    public string Value { get; set; } = "";

    public string Period { get; set; } = "";

    public string NoticeUrl { get; set; } = "";
}
