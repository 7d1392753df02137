namespace TenderConsortium.Documents.Models;

/// <summary>Social value and community benefits: totals per measure and each member's commitments.</summary>
public sealed class SocialValueView
{
    public string Introduction { get; set; } = "";

    public List<SocialValueMeasureView> Measures { get; set; } = [];

    public List<SocialValueCommitmentView> Commitments { get; set; } = [];
}
