namespace TenderConsortium.Core.BidPacks;

/// <summary>One line of the risk register. Likelihood and impact are Low, Medium or High.</summary>
public sealed record RiskEntry(string Id, string Risk, string Likelihood, string Impact, string Mitigation, string Owner);
