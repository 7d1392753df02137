namespace TenderConsortium.Documents.Models;

/// <summary>One member's part of a lot in the delivery model.</summary>
public sealed class ShareView
{
    public string Member { get; set; } = "";

    public string Volume { get; set; } = "";

    public string Percent { get; set; } = "";

    public string Areas { get; set; } = "";

    public string From { get; set; } = "";

    public string Staff { get; set; } = "";

    public string Why { get; set; } = "";
}
