namespace TenderConsortium.Application.Shortlist.Confirm;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
public sealed record ConfirmShortlist(string Opportunity, string Actor, string? ConsortiumId = null);
