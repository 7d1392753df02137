namespace TenderConsortium.Application.Delivery.Portfolio;

/// <summary>Social value delivered to date on one contract, per measure and unit, summed over members (each return counted once).</summary>
public sealed record ContractSocialValueView(string Title, string MeasureId, string Unit, decimal Committed, decimal Delivered);
