namespace TenderConsortium.Core.Delivery;

/// <summary>One member's outputs in one lot for a period: the period's share of its contracted volume, what it delivered, and to date.</summary>
public sealed record OutputReportRow(string MemberId, string MemberName, string LotId, string LotTitle, string Unit, decimal TargetThisPeriod, decimal DeliveredThisPeriod,
    decimal TargetToDate, decimal DeliveredToDate, long ContractVolume);
