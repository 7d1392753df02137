using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Persistence.Delivery;

/// <summary>The contract's fixed terms as stored in <c>delivery_contracts.terms</c>.</summary>
public sealed record DeliveryTerms(IReadOnlyList<DeliveryPeriod> Periods, IReadOnlyList<ContractMember> Members);
