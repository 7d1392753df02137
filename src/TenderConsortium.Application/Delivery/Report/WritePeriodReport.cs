namespace TenderConsortium.Application.Delivery.Report;

/// <param name="Period">The period number; the latest period that has ended when left out.</param>
public sealed record WritePeriodReport(string Opportunity, int? Period, string? ConsortiumId = null);
