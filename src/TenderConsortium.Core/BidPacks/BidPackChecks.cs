namespace TenderConsortium.Core.BidPacks;

/// <summary>The automatic checks of one version of a pack, as saved beside it (checks-v&lt;N&gt;.json).</summary>
public sealed record BidPackChecks(string OpportunityId, string Ocid, int Version, DateOnly AsOf, IReadOnlyList<BidPackCheck> Checks)
{
    public CheckStatus Overall => Checks.Count == 0 ? CheckStatus.Pass : Checks.Max(c => c.Status);
}
