using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Application.Delivery.Invoices;
using TenderConsortium.Application.Delivery.Pay;
using TenderConsortium.Application.Delivery.Portfolio;
using TenderConsortium.Application.Delivery.Report;
using TenderConsortium.Application.Delivery.Return;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Application.Delivery.Start;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Cli.Delivery;

/// <summary>"tender delivery …": after the award, the contract's periods, members' returns and invoices, payments and reports.</summary>
public static class DeliveryCommands
{
    public static Command Create()
    {
        var command = new Command("delivery", "Deliver an awarded contract: returns, invoices, payments within 30 days, reports");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Return());
        command.Subcommands.Add(Invoice());
        command.Subcommands.Add(Pay());
        command.Subcommands.Add(Report());
        command.Subcommands.Add(Portfolio());
        command.Subcommands.Add(Capacity());
        return command;
    }

    private static Argument<string> Opportunity() => new("opportunity") { Description = "The opportunity's id or OCID" };

    private static Command Start()
    {
        var opportunity = Opportunity();
        var periods = new Option<string>("--periods") { Description = "monthly or quarterly returns and invoices", DefaultValueFactory = _ => "monthly" };
        periods.AcceptOnlyFromAmong("monthly", "quarterly");
        var fee = new Option<string>("--fee") { Description = "The lead's management fee, as the bid priced it", DefaultValueFactory = _ => "5%" };
        var end = new Option<string?>("--end") { Description = "The contract's last day (year-month-day), when the notice gives no end or duration" };
        var command = NodeOptions.Command("start", "Start delivery of a won bid: its periods, members and the workflow that watches payment due dates", out var node,
            opportunity, periods, fee, end);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var started = await services.GetRequiredService<StartDeliveryHandler>().HandleAsync(new StartDelivery(parse.GetValue(opportunity)!,
                parse.GetValue(periods) == "quarterly" ? PeriodLength.Quarterly : PeriodLength.Monthly, NodeOptions.Actor,
                DeliveryInput.Rate("--fee", parse.GetValue(fee)!), DeliveryInput.Date("--end", parse.GetValue(end))), ct);
            Console.WriteLine(started.Replayed
                ? $"Delivery of {started.Title} had already started: {started.Periods} periods, {started.Members} members."
                : $"Delivery of {started.Title} started: {started.Periods} periods, {started.Members} members; payment due dates are watched.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Show()
    {
        var opportunity = Opportunity();
        var command = NodeOptions.Command("show", "Where delivery stands: periods, returns, invoices with due dates, payments, days late, days to pay", out var node, opportunity);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var view = await services.GetRequiredService<ShowDeliveryHandler>().HandleAsync(new ShowDelivery(parse.GetValue(opportunity)!), ct);
            if (node.Json(parse)) Console.Out.WriteLine(JsonSerializer.Serialize(view, DomainJson.Indented));
            else
            {
                using var fitted = FittedWriter.Out;
                DeliveryViewText.Write(view, fitted);
            }
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Return()
    {
        var opportunity = Opportunity();
        var member = new Option<string>("--member") { Description = "The member's id or name", Required = true };
        var period = new Option<int>("--period") { Description = "The period number (1 is the first)", Required = true };
        var output = new Option<string[]>("--output") { Description = "What was delivered in a lot, LOT=QUANTITY in the lot's unit, e.g. 1=420; once per lot", Required = true, AllowMultipleArgumentsPerToken = true };
        var social = new Option<string[]>("--social-value") { Description = "Social value delivered, MEASURE=QUANTITY, e.g. SV01=1", AllowMultipleArgumentsPerToken = true };
        var evidence = new Option<string?>("--evidence") { Description = "Evidence notes: what the buyer may ask to see (timesheets, registers)" };
        var command = NodeOptions.Command("return", "Record a member's return for a period: outputs, social value and evidence", out var node, opportunity, member, period, output, social, evidence);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var outputs = DeliveryInput.Pairs("--output", parse.GetValue(output) ?? [], "1=420").Select(p => new OutputLine(p.Key, p.Quantity)).ToList();
            var values = DeliveryInput.Pairs("--social-value", parse.GetValue(social) ?? [], "SV01=1").Select(p => new SocialValueDelivered(p.Key, p.Quantity, "")).ToList();
            var saved = await services.GetRequiredService<SubmitReturnHandler>().HandleAsync(new SubmitReturn(parse.GetValue(opportunity)!, parse.GetValue(member)!,
                parse.GetValue(period), outputs, values, parse.GetValue(evidence), NodeOptions.Actor), ct);
            Console.WriteLine($"Return recorded for period {saved.Period} (revision {saved.Revision}): " +
                              string.Join("; ", saved.Outputs.Select(o => $"lot {o.LotId} {Quantity(o.Quantity)}")) +
                              (saved.SocialValue.Count > 0 ? "; social value " + string.Join(", ", saved.SocialValue.Select(s => $"{s.MeasureId} {Quantity(s.Quantity)}")) : ""));
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Invoice()
    {
        var opportunity = Opportunity();
        var period = new Option<int?>("--period") { Description = "The period invoiced" };
        var member = new Option<string?>("--member") { Description = "The member whose invoice you received (its amount is computed from its return)" };
        var buyer = new Option<bool>("--buyer") { Description = "The lead's invoice to the buyer: the members' invoices plus the management fee" };
        var received = new Option<string?>("--received") { Description = "The day it was received or sent (year-month-day); today when left out" };
        var adjust = new Option<string?>("--adjust") { Description = "Change a member invoice's amount: its id, with --amount and --reason" };
        var amount = new Option<string?>("--amount") { Description = "The new amount in pounds, with --adjust" };
        var reason = new Option<string?>("--reason") { Description = "Why the amount differs from the return, with --adjust (the member sees it)" };
        var command = NodeOptions.Command("invoice", "Record a member's invoice for a period, raise the buyer's, or change a member invoice's amount with a reason", out var node,
            opportunity, period, member, buyer, received, adjust, amount, reason);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            Application.Delivery.InvoiceView view;
            if (parse.GetValue(adjust) is { } id)
            {
                if (parse.GetValue(amount) is null) throw new ProblemException("--amount", ProblemCode.Invalid, "give the new amount with --adjust, e.g. --amount 1250.00");
                view = await services.GetRequiredService<AdjustInvoiceHandler>().HandleAsync(new AdjustInvoice(parse.GetValue(opportunity)!, id,
                    DeliveryInput.Amount("--amount", parse.GetValue(amount)), parse.GetValue(reason) ?? "", NodeOptions.Actor), ct);
            }
            else
            {
                if (parse.GetValue(period) is not { } p) throw new ProblemException("--period", ProblemCode.Invalid, "say which period the invoice is for, e.g. --period 1");
                if (parse.GetValue(buyer) == (parse.GetValue(member) is not null))
                    throw new ProblemException("--member", ProblemCode.Invalid, "give either --member (a member's invoice to the lead) or --buyer (the lead's invoice to the buyer)");
                view = await services.GetRequiredService<RaiseInvoiceHandler>().HandleAsync(new RaiseInvoice(parse.GetValue(opportunity)!, p,
                    parse.GetValue(buyer) ? null : parse.GetValue(member), DeliveryInput.Date("--received", parse.GetValue(received)), NodeOptions.Actor), ct);
            }

            DeliveryViewText.WriteInvoice(view, Console.Out);
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Pay()
    {
        var opportunity = Opportunity();
        var invoice = new Option<string>("--invoice") { Description = "The invoice paid: a member's (the lead paid it) or the buyer's (the buyer paid the lead)", Required = true };
        var amount = new Option<string>("--amount") { Description = "How much, in pounds", Required = true };
        var date = new Option<string>("--date") { Description = "The day the money arrived (year-month-day)", Required = true };
        var reference = new Option<string>("--reference") { Description = "The bank or remittance reference", Required = true };
        var command = NodeOptions.Command("pay", "Record a payment: the buyer's to the lead, or the lead's to a member", out var node, opportunity, invoice, amount, date, reference);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var recorded = await services.GetRequiredService<RecordPaymentHandler>().HandleAsync(new RecordPayment(parse.GetValue(opportunity)!, parse.GetValue(invoice)!,
                DeliveryInput.Date("--date", parse.GetValue(date))!.Value, DeliveryInput.Amount("--amount", parse.GetValue(amount)), parse.GetValue(reference)!, NodeOptions.Actor), ct);
            Console.WriteLine(recorded.AlreadyRecorded ? "This payment was already recorded; nothing changed." : "Payment recorded.");
            DeliveryViewText.WriteInvoice(recorded.Invoice, Console.Out);
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Report()
    {
        var opportunity = Opportunity();
        var period = new Option<int?>("--period") { Description = "The period; the latest that has ended when left out" };
        var command = NodeOptions.Command("report", "Write a period's contract report (Word and Excel): outputs against targets, social value per member, invoices", out var node,
            opportunity, period);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var written = await services.GetRequiredService<WritePeriodReportHandler>().HandleAsync(new WritePeriodReport(parse.GetValue(opportunity)!, parse.GetValue(period)), ct);
            Console.WriteLine($"Report for {Period(written.Report.Period)} written:");
            foreach (var file in written.Files) Console.WriteLine($"  {file}");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Portfolio()
    {
        var command = NodeOptions.Command("portfolio", "Every contract in delivery: days to pay members (median, 95th percentile, share within terms), owed and overdue, social value",
            out var node);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var view = await services.GetRequiredService<ShowPortfolioHandler>().HandleAsync(new ShowPortfolio(), ct);
            if (node.Json(parse)) Console.Out.WriteLine(JsonSerializer.Serialize(view, DomainJson.Indented));
            else
            {
                using var fitted = FittedWriter.Out;
                DeliveryViewText.Write(view, fitted);
            }
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Capacity()
    {
        var member = new Option<string?>("--member") { Description = "One member's ledger (id or name)" };
        var over = new Option<bool>("--over") { Description = "Only members that would be over-committed if every pending bid were won" };
        var command = NodeOptions.Command("capacity", "Each member's capacity month by month: declared, allocated in pending bids, contracted", out var node, member, over);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var ledgers = await services.GetRequiredService<ShowCapacityHandler>().HandleAsync(new ShowCapacity(parse.GetValue(member), parse.GetValue(over)), ct);
            if (node.Json(parse)) Console.Out.WriteLine(JsonSerializer.Serialize(ledgers, DomainJson.Indented));
            else DeliveryViewText.Write(ledgers, Console.Out);
            return CliExit.Ok;
        }, ct)));
        return command;
    }
}
