namespace TenderConsortium.Application.Delivery.Start;

/// <param name="Replayed">True when delivery had already started: the same contract is returned.</param>
public sealed record DeliveryStarted(string ContractId, string OpportunityId, string Title, int Periods, int Members, Guid InstanceId, bool Replayed = false);
