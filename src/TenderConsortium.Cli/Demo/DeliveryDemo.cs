using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Delivery;
using TenderConsortium.Application.Delivery.Invoices;
using TenderConsortium.Application.Delivery.Pay;
using TenderConsortium.Application.Delivery.Report;
using TenderConsortium.Application.Delivery.Return;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Application.Delivery.Start;
using TenderConsortium.Cli.Delivery;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Outbox;
using static TenderConsortium.Core.Delivery.DeliveryText;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Demo;

/// <summary>
/// The demo's bid carried on into delivery: two monthly periods with every member's return, its invoice and the
/// lead's invoice to the buyer; the lead pays one member invoice ten days late and the rest on time, while the
/// contract-delivery workflow sends reminders and the late notices. The clock is moved day by day through each
/// period's 40 days after invoicing. Every step is one the doors offer, and each is safe to repeat, so a demo
/// interrupted here carries on when run again.
/// </summary>
public sealed class DeliveryDemo(IServiceProvider services, DemoClock clock, TextWriter output)
{
    /// <summary>The period in which one member's invoice is paid late, and by how many days after it was received.</summary>
    private const int LatePeriod = 1, LateDay = 40, OnTimeDay = 21, BuyerPaysDay = 18, DaysWatched = 42;

    private readonly WorkflowRuntime _runtime = services.GetRequiredService<WorkflowRuntime>();
    private readonly OutboxDispatcher _dispatcher = services.GetRequiredService<OutboxDispatcher>();

    public async Task<IReadOnlyList<string>> RunAsync(string opportunityId, CancellationToken ct)
    {
        var settings = new JsonObject
        {
            ["consortiumName"] = "Clyde Social Enterprise Consortium",
            ["leadName"] = "Jamie Reid, Clyde Social Enterprise Consortium",
            ["leadEmail"] = BidDemo.LeadEmail,
        };
        var started = await services.GetRequiredService<StartDeliveryHandler>().HandleAsync(
            new StartDelivery(opportunityId, PeriodLength.Monthly, BidDemo.LeadEmail, 0.05m, null, settings), ct);
        var contract = (await services.GetRequiredService<IDeliveryStore>().FindAsync(started.ContractId, ct))!;
        output.WriteLine();
        // The award already put the contract in delivery (the bid workflow's StartDelivery step); "carries on" only after returns.
        output.WriteLine($"Delivery {(contract.Returns.Count > 0 ? "carries on" : "starts")}: {started.Periods} monthly periods from {Day(contract.Periods[0].Start)}, " +
                         $"members {string.Join(", ", contract.Members.Select(m => m.Name))}; invoices are due {Days(contract.PaymentDays)} after receipt.");
        var late = contract.Members.OrderBy(m => m.Name, StringComparer.Ordinal).First();
        var files = new List<string>();
        foreach (var period in contract.Periods.Take(2))
        {
            var received = period.End.AddDays(1);
            clock.MoveTo(At(received, 9));
            await PumpAsync(ct);
            output.WriteLine($"{period.Label}");
            await ReturnsAsync(contract, period, ct);
            var invoices = new List<InvoiceView>();
            foreach (var member in contract.Members)
                invoices.Add(await services.GetRequiredService<RaiseInvoiceHandler>().HandleAsync(
                    new RaiseInvoice(opportunityId, period.Number, member.MemberId, received, BidDemo.LeadEmail), ct));
            var buyer = await services.GetRequiredService<RaiseInvoiceHandler>().HandleAsync(new RaiseInvoice(opportunityId, period.Number, null, received, BidDemo.LeadEmail), ct);
            foreach (var invoice in invoices) output.WriteLine($"  {invoice.Payee} invoices the lead {Money(invoice.Amount)} (invoice {invoice.Id}, due {Day(invoice.DueOn)})");
            output.WriteLine($"  the lead invoices the buyer {Money(buyer.Amount)} (members' work plus the 5% management fee)");
            for (var day = 1; day <= DaysWatched; day++)
            {
                clock.MoveTo(At(received.AddDays(day), 10));
                await PumpAsync(ct);
                var today = received.AddDays(day);
                if (day == BuyerPaysDay) await PayAsync(opportunityId, buyer.Id, buyer.Amount, today, $"GCC-REMIT-{period.Number:00}", ct);
                foreach (var invoice in invoices)
                {
                    var payDay = period.Number == LatePeriod && invoice.MemberId == late.MemberId ? LateDay : OnTimeDay;
                    if (day == payDay) await PayAsync(opportunityId, invoice.Id, invoice.Amount, today, $"CLYDE-{invoice.Id}", ct);
                }
            }

            var written = await services.GetRequiredService<WritePeriodReportHandler>().HandleAsync(new WritePeriodReport(opportunityId, period.Number), ct);
            files.AddRange(written.Files);
        }

        await PumpAsync(ct);
        var view = await services.GetRequiredService<ShowDeliveryHandler>().HandleAsync(new ShowDelivery(opportunityId), ct);
        output.WriteLine();
        DeliveryViewText.WriteDaysToPay("Days to pay members", view.DaysToPay, output);
        foreach (var paidLate in view.MemberInvoices.Where(i => i.Claim.Any))
            output.WriteLine($"Paid late: {paidLate.Payee}'s invoice {paidLate.Id}, {Money(paidLate.Amount)}, due {Day(paidLate.DueOn)}, paid {Day(paidLate.PaidOn!.Value)}, " +
                             $"{Days(paidLate.DaysLate)} late. Interest due at {Percent(paidLate.Claim.AnnualRatePercent)} a year: {Money(paidLate.Claim.Interest)} " +
                             $"({Money(paidLate.Claim.DailyInterest)} a day), plus fixed compensation of {Money(paidLate.Claim.FixedCompensation)}: {Money(paidLate.Claim.Total)} in all.");
        var notices = (await services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: started.InstanceId, take: 1000, ct: ct))
            .GroupBy(m => Core.Notifications.EmailTemplateNames.FromEventKey(m.Event)).ToDictionary(g => g.Key ?? "", g => g.Count());
        output.WriteLine($"Emails from the delivery workflow: {Wording.Count(notices.GetValueOrDefault(DeliveryEmails.ReminderLead), "payment reminder")} to the lead, " +
                         $"{Wording.Count(notices.GetValueOrDefault(DeliveryEmails.LateLead), "late-payment alert")} to the lead, {Wording.Count(notices.GetValueOrDefault(DeliveryEmails.LateMember), "late notice")} to the member.");
        return files;
    }

    /// <summary>Each member reports what it delivered: its share of the contract for the period's days, and some of its social value.</summary>
    private async Task ReturnsAsync(DeliveryContract contract, DeliveryPeriod period, CancellationToken ct)
    {
        var days = (decimal)contract.Periods.Sum(p => p.Days);
        foreach (var member in contract.Members)
        {
            var outputs = member.Lines.Select(l => new OutputLine(l.LotId, decimal.Round(l.Volume * period.Days / days))).ToList();
            // Social value arrives in steps: one of each committed measure per period, until the commitment is met.
            var social = member.Commitments
                .Select(c => new SocialValueDelivered(c.MeasureId, Math.Min(1m, Math.Max(0m, c.Quantity - (period.Number - 1))), c.Unit))
                .Where(s => s.Quantity > 0).ToList();
            var saved = await services.GetRequiredService<SubmitReturnHandler>().HandleAsync(new SubmitReturn(contract.OpportunityId, member.MemberId, period.Number, outputs,
                social, $"Timesheets and session registers for period {period.Number}, kept at the member's office", "member link"), ct);
            output.WriteLine($"  {member.Name} returns {string.Join("; ", saved.Outputs.Select(o => $"lot {o.LotId}: {Quantity(o.Quantity)} {member.Line(o.LotId)!.Unit}"))}" +
                             (saved.SocialValue.Count > 0 ? $", social value {string.Join(", ", saved.SocialValue.Select(s => $"{s.MeasureId} {Quantity(s.Quantity)}"))}" : ""));
        }
    }

    private async Task PayAsync(string opportunityId, string invoiceId, decimal amount, DateOnly on, string reference, CancellationToken ct)
    {
        var paid = await services.GetRequiredService<RecordPaymentHandler>().HandleAsync(new RecordPayment(opportunityId, invoiceId, on, amount, reference, BidDemo.LeadEmail), ct);
        output.WriteLine($"  {Day(on)}: {(invoiceId.EndsWith("-buyer", StringComparison.Ordinal) ? "the buyer pays the lead" : $"the lead pays {paid.Invoice.Payee}")} " +
                         $"{Money(amount)} (reference {reference}), {paid.Invoice.Status}{(paid.AlreadyRecorded ? "; already recorded before" : "")}");
    }

    /// <summary>Fires what is due on the moved clock and delivers the emails it queued.</summary>
    private async Task PumpAsync(CancellationToken ct)
    {
        while (await _runtime.FireDueTimersAsync(ct: ct) > 0)
        {
        }

        while (await _dispatcher.DispatchOnceAsync(ct) > 0)
        {
        }
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
