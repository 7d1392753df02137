namespace TenderConsortium.Documents.Models;

/// <summary>A delivering member.</summary>
public sealed class MemberView
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string LegalForm { get; set; } = "";

    public string Registration { get; set; } = "";

    public string AssetLock { get; set; } = "";

    public string Contact { get; set; } = "";

    public string Areas { get; set; } = "";

    public string Certifications { get; set; } = "";

    public string Staff { get; set; } = "";

    public string Lots { get; set; } = "";

    public string Statement { get; set; } = "";
}
