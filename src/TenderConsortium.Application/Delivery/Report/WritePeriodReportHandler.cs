using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Report;

/// <summary>Writes a period's contract report (Word and Excel, from the templates) with the figures as they stand today.</summary>
public sealed class WritePeriodReportHandler(DeliveryContracts contracts, IPeriodReportWriter writer, LatePaymentOptions options, TimeProvider time)
{
    public async Task<PeriodReportWritten> HandleAsync(WritePeriodReport command, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var today = DeliveryContracts.Today(time);
        var period = command.Period ?? (contract.Periods.LastOrDefault(p => p.End < today) ?? contract.Periods[0]).Number;
        var report = PeriodReport.For(contract, period, today, options);
        var files = await writer.WriteAsync(report, contract.OpportunityId, time.GetUtcNow(), cancellationToken);
        return new PeriodReportWritten(report, files);
    }
}
