namespace TenderConsortium.Core.Delivery;

/// <summary>Writes a period report as documents (a Word report and an Excel workbook from the lead body's templates); returns their paths.</summary>
public interface IPeriodReportWriter
{
    Task<IReadOnlyList<string>> WriteAsync(PeriodReport report, string opportunityId, DateTimeOffset stamp, CancellationToken cancellationToken = default);
}
