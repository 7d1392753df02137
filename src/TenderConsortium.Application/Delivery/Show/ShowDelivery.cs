namespace TenderConsortium.Application.Delivery.Show;

public sealed record ShowDelivery(string Opportunity, string? ConsortiumId = null);
