namespace TenderConsortium.Documents.Models;

/// <summary>A lot in the cover letter and the delivery model.</summary>
public sealed class LotView
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Coverage { get; set; } = "";

    public List<ShareView> Shares { get; set; } = [];
}
