namespace TenderConsortium.Documents.Models;

/// <summary>The appendix of automatic checks.</summary>
public sealed class ChecksView
{
    public string Summary { get; set; } = "";

    public List<CheckView> Items { get; set; } = [];
}
