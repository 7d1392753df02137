using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Report;

public sealed record PeriodReportWritten(PeriodReport Report, IReadOnlyList<string> Files);
