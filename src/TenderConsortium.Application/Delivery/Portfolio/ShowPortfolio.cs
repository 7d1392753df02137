namespace TenderConsortium.Application.Delivery.Portfolio;

public sealed record ShowPortfolio(string? ConsortiumId = null);
