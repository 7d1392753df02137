namespace TenderConsortium.Core.Opportunities;

/// <summary>When the contract runs; notices give dates, a duration, or both.</summary>
public sealed record ContractPeriod(DateTimeOffset? Start, DateTimeOffset? End, int? DurationInDays, DateTimeOffset? MaxExtent = null);
