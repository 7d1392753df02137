namespace TenderConsortium.Core.Delivery;

/// <summary>One member's social value against one measure: committed for the contract, delivered this period and to date.</summary>
public sealed record SocialValueReportRow(string MemberId, string MemberName, string MeasureId, string Unit, decimal Committed, decimal DeliveredThisPeriod, decimal DeliveredToDate);
