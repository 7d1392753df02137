using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Start;

/// <param name="ContractEnd">The contract's last day, when the notice gives no end or duration.</param>
/// <param name="ManagementFeeRate">The lead's fee as a fraction (0.05), as the bid priced it.</param>
public sealed record StartDelivery(string Opportunity, PeriodLength PeriodLength, string Actor, decimal ManagementFeeRate = 0.05m, DateOnly? ContractEnd = null,
    System.Text.Json.Nodes.JsonObject? Settings = null, string? ConsortiumId = null);
