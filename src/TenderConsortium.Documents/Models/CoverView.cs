namespace TenderConsortium.Documents.Models;

/// <summary>The cover letter's generated paragraphs.</summary>
public sealed class CoverView
{
    public string Date { get; set; } = "";

    public string Opening { get; set; } = "";

    public string Offer { get; set; } = "";

    public string Closing { get; set; } = "";
}
