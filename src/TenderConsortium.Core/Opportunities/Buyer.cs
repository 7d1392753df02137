namespace TenderConsortium.Core.Opportunities;

/// <param name="Region">The buyer's address region as published; the fallback place when items give none.</param>
public sealed record Buyer(string? Id, string Name, string? Region = null);
