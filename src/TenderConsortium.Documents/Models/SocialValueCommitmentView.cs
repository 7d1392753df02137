namespace TenderConsortium.Documents.Models;

/// <summary>One member's commitment, counted once.</summary>
public sealed class SocialValueCommitmentView
{
    public string Member { get; set; } = "";

    public string Measure { get; set; } = "";

    public string Quantity { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Lots { get; set; } = "";

    public string Note { get; set; } = "";
}
