namespace TenderConsortium.Core.Declarations;

/// <summary>
/// How the lead splits one lot: the unit members declare in and the demand (whole units) to cover. When the lead sets
/// nothing, the lot is split by value: the demand is the lot's estimated value in whole pounds.
/// </summary>
public sealed record LotTerms(string LotId, string Unit, long Demand, decimal? ReferencePricePerUnit = null);
