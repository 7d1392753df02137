namespace TenderConsortium.Application.Bids.Show;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="ConsortiumId">The caller's consortium; another consortium's opportunity is not found.</param>
public sealed record ShowBid(string Opportunity, string? ConsortiumId = null);
