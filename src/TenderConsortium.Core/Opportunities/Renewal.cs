namespace TenderConsortium.Core.Opportunities;

/// <param name="Description">As written by the buyer, e.g. "Contract on 3+1+1 basis".</param>
public sealed record Renewal(bool HasRenewal, string? Description);
