namespace TenderConsortium.Core.Delivery;

/// <summary>What a member delivered in one lot in one period, in the lot's unit (e.g. 420 hours).</summary>
public sealed record OutputLine(string LotId, decimal Quantity);
