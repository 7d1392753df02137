using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Tests.TestSupport;
using static TenderConsortium.Tests.Delivery.DeliveryFixtures;

namespace TenderConsortium.Tests.Delivery;

/// <summary>The delivery contract's guards and a whole contract year on a clock the test moves.</summary>
public sealed class DeliveryContractTests
{
    private static readonly LatePaymentOptions Options = new() { BaseRatePercent = 3.75m };

    private static DateOnly Day(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    [Test]
    public void Periods_follow_the_notice_monthly_or_quarterly()
    {
        var monthly = Contract().Periods;
        var quarterly = Contract(PeriodLength.Quarterly).Periods;
        Assert.Multiple(() =>
        {
            Assert.That(monthly, Has.Count.EqualTo(12));
            Assert.That(monthly[0], Is.EqualTo(new DeliveryPeriod(1, new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 30))));
            Assert.That(monthly[^1].End, Is.EqualTo(new DateOnly(2028, 3, 31)));
            Assert.That(quarterly.Select(p => p.Start.Month), Is.EqualTo(new[] { 4, 7, 10, 1 }));
            Assert.That(quarterly.Sum(p => p.Days), Is.EqualTo(monthly.Sum(p => p.Days)));
        });
    }

    [Test]
    public void A_contract_without_an_end_or_duration_is_refused_naming_it()
    {
        var problem = Assert.Throws<ProblemException>(() => DeliveryPeriods.Plan(new(DateTimeOffset.UnixEpoch, null, null), PeriodLength.Monthly, new DateOnly(2027, 1, 1)))!;
        Assert.That(problem.Items[0].Path, Is.EqualTo("contractPeriod"));
    }

    [Test]
    public void The_invoice_is_the_return_times_the_agreed_price_and_follows_a_corrected_return()
    {
        var contract = Contract();
        var at = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
        contract.SubmitReturn(1, "m-larder", [new OutputLine("1", 100), new OutputLine("2", 10)], [], "timesheets", at, "member");
        var invoice = contract.RaiseMemberInvoice(1, "m-larder", new DateOnly(2027, 5, 2));
        Assert.That(invoice.Amount, Is.EqualTo(100 * 30m + 10 * 85m));
        contract.SubmitReturn(1, "m-larder", [new OutputLine("1", 90), new OutputLine("2", 10)], [], "timesheets corrected", at, "member");
        Assert.Multiple(() =>
        {
            Assert.That(contract.Return(1, "m-larder")!.Revision, Is.EqualTo(2));
            Assert.That(invoice.Amount, Is.EqualTo(90 * 30m + 10 * 85m));
            Assert.That(contract.RaiseMemberInvoice(1, "m-larder", new DateOnly(2027, 5, 9)), Is.SameAs(invoice), "raising again returns the first");
        });
    }

    [Test]
    public void A_return_for_a_lot_the_member_does_not_deliver_names_the_field()
    {
        var contract = Contract();
        var problem = Assert.Throws<ProblemException>(() =>
            contract.SubmitReturn(1, "m-well", [new OutputLine("2", 5)], [], null, new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero), "member"))!;
        Assert.Multiple(() =>
        {
            Assert.That(problem.Items[0].Path, Is.EqualTo("outputs[0].lot"));
            Assert.That(contract.Returns, Is.Empty);
        });
    }

    [Test]
    public void An_adjusted_invoice_keeps_its_reason_and_cannot_change_once_paid()
    {
        var contract = Contract();
        var at = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
        contract.SubmitReturn(1, "m-well", [new OutputLine("1", 200)], [], null, at, "member");
        var invoice = contract.RaiseMemberInvoice(1, "m-well", new DateOnly(2027, 5, 1));
        Assert.Throws<ProblemException>(() => contract.AdjustMemberInvoice(invoice.Id, 6000m, " "));
        contract.AdjustMemberInvoice(invoice.Id, 6337.50m, "six hours disputed by the buyer");
        Assert.That((invoice.Amount, invoice.ComputedAmount, invoice.AdjustmentReason), Is.EqualTo((6337.50m, 6500m, "six hours disputed by the buyer")));
        contract.RecordPayment(invoice.Id, new DateOnly(2027, 5, 20), 6337.50m, "BACS 0001", at.AddDays(20), "lead");
        Assert.That(Assert.Throws<ProblemException>(() => contract.AdjustMemberInvoice(invoice.Id, 6500m, "agreed after all"))!.Code, Is.EqualTo(ProblemCode.Conflict));
    }

    [Test]
    public void No_payment_is_recorded_twice()
    {
        var contract = Contract();
        var at = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
        contract.SubmitReturn(1, "m-well", [new OutputLine("1", 100)], [], null, at, "member");
        var invoice = contract.RaiseMemberInvoice(1, "m-well", new DateOnly(2027, 5, 1));
        Assert.That(contract.RecordPayment(invoice.Id, new DateOnly(2027, 5, 10), 1000m, "BACS 7", at.AddDays(9), "lead"), Is.True);
        Assert.That(contract.RecordPayment(invoice.Id, new DateOnly(2027, 5, 10), 1000m, "bacs 7", at.AddDays(9), "lead"), Is.False, "the same payment again");
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ProblemException>(() => contract.RecordPayment(invoice.Id, new DateOnly(2027, 5, 11), 500m, "BACS 7", at.AddDays(10), "lead"))!.Items[0].Path,
                Is.EqualTo("reference"));
            Assert.That(Assert.Throws<ProblemException>(() => contract.RecordPayment(invoice.Id, new DateOnly(2027, 5, 11), 5000m, "BACS 8", at.AddDays(10), "lead"))!.Items[0].Path,
                Is.EqualTo("amount"), "more than is owed");
            Assert.That(invoice.Payments, Has.Count.EqualTo(1));
            Assert.That(invoice.Outstanding, Is.EqualTo(2250m));
        });
    }

    [Test]
    public void The_buyer_invoice_is_the_members_invoices_plus_the_fee_and_freezes_them()
    {
        var contract = Contract();
        var at = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
        contract.SubmitReturn(1, "m-well", [new OutputLine("1", 200)], [], null, at, "member");
        contract.SubmitReturn(1, "m-larder", [new OutputLine("1", 100), new OutputLine("2", 10)], [], null, at, "member");
        Assert.Throws<ProblemException>(() => contract.RaiseBuyerInvoice(1, new DateOnly(2027, 5, 3)), "no member invoice yet");
        var a = contract.RaiseMemberInvoice(1, "m-well", new DateOnly(2027, 5, 2));
        contract.RaiseMemberInvoice(1, "m-larder", new DateOnly(2027, 5, 2));
        var buyer = contract.RaiseBuyerInvoice(1, new DateOnly(2027, 5, 3));
        Assert.Multiple(() =>
        {
            Assert.That(buyer.MembersTotal, Is.EqualTo(6500m + 3850m));
            Assert.That(buyer.Fee, Is.EqualTo(517.50m));
            Assert.That(buyer.Amount, Is.EqualTo(10867.50m));
            Assert.That(buyer.DueOn, Is.EqualTo(new DateOnly(2027, 6, 2)));
            Assert.That(Assert.Throws<ProblemException>(() => contract.AdjustMemberInvoice(a.Id, 1m, "late change"))!.Code, Is.EqualTo(ProblemCode.Conflict));
            Assert.That(Assert.Throws<ProblemException>(() => contract.SubmitReturn(1, "m-well", [new OutputLine("1", 1)], [], null, at, "member"))!.Code,
                Is.EqualTo(ProblemCode.Conflict));
        });
    }

    [Test]
    public void A_whole_contract_year_on_a_moving_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2027, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var contract = Contract();
        int[] reminders = [7, 1];
        var sent = new HashSet<string>();
        var late = new List<MemberInvoice>();
        foreach (var period in contract.Periods)
        {
            // Returns come in the day after the period ends; invoices are received the day after that.
            clock.Advance(new DateTimeOffset(period.End.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero) - clock.GetUtcNow());
            contract.SubmitReturn(period.Number, "m-well", [new OutputLine("1", 200)], [new SocialValueDelivered("SV01", period.Number == 3 ? 2 : 0, "")], "rota", clock.GetUtcNow(),
                "member");
            contract.SubmitReturn(period.Number, "m-larder", [new OutputLine("1", 100), new OutputLine("2", 10)], [], null, clock.GetUtcNow(), "member");
            clock.Advance(TimeSpan.FromDays(1));
            var well = contract.RaiseMemberInvoice(period.Number, "m-well", Day(clock));
            var larder = contract.RaiseMemberInvoice(period.Number, "m-larder", Day(clock));
            contract.RaiseBuyerInvoice(period.Number, Day(clock));
            // Walk the month day by day, sending what falls due, paying Wellbeing on day 20 and the Larder on day 35 in every third period.
            for (var day = 1; day <= 40; day++)
            {
                clock.Advance(TimeSpan.FromDays(1));
                if (day == 20) contract.RecordPayment(well.Id, Day(clock), well.Amount, $"W{period.Number}", clock.GetUtcNow(), "lead");
                var larderDay = period.Number % 3 == 0 ? 35 : 25;
                if (day == larderDay) contract.RecordPayment(larder.Id, Day(clock), larder.Amount, $"L{period.Number}", clock.GetUtcNow(), "lead");
                foreach (var notice in PaymentNotices.Due(contract, Day(clock), reminders).Where(n => sent.Add(n.Key)))
                {
                    if (notice.Kind == PaymentNoticeKind.Late)
                    {
                        Assert.That(notice.Invoice.IsPaid, Is.False, "no late notice (nor interest) for a paid invoice");
                        late.Add(notice.Invoice);
                    }
                }
            }
        }

        var memberInvoices = contract.MemberInvoices;
        var stats = DaysToPay.Of(memberInvoices);
        Assert.Multiple(() =>
        {
            Assert.That(memberInvoices, Has.Count.EqualTo(24));
            Assert.That(memberInvoices.All(i => i.IsPaid), Is.True);
            Assert.That(late.Select(i => i.Id), Is.EquivalentTo(new[] { "P3-M2", "P6-M2", "P9-M2", "P12-M2" }));
            Assert.That(sent.Count(k => k.StartsWith("reminder:", StringComparison.Ordinal)), Is.EqualTo(4 * 2 + 8 * 1),
                "7 and 1 days before for the late ones; only the 7-day one for those paid on day 25");
            Assert.That(stats.Paid, Is.EqualTo(24));
            Assert.That(stats.Median, Is.EqualTo(22.5m)); // twelve at 20 days, eight at 25, four at 35
            Assert.That(stats.Percentile95, Is.EqualTo(35));
            Assert.That(stats.WithinTermsShare, Is.EqualTo(20m / 24));
            Assert.That(memberInvoices.Single(i => i.Id == "P3-M2").LateClaim(Day(clock), Options).DaysLate, Is.EqualTo(5));
            Assert.That(contract.Returns.Where(r => r.MemberId == "m-well").Sum(r => r.Output("1")), Is.EqualTo(2400m), "the year's output meets the contracted hours");
        });
        var report = PeriodReport.For(contract, 12, Day(clock), Options);
        var sv = report.SocialValue.Single(r => r.MemberId == "m-well" && r.MeasureId == "SV01");
        Assert.Multiple(() =>
        {
            Assert.That((sv.Committed, sv.DeliveredToDate, sv.DeliveredThisPeriod), Is.EqualTo((2m, 2m, 0m)));
            Assert.That(report.Outputs.Single(o => o.MemberId == "m-well").DeliveredToDate, Is.EqualTo(2400m));
            Assert.That(report.Outputs.Single(o => o.MemberId == "m-well").TargetToDate, Is.EqualTo(2400m));
            Assert.That(report.MissingReturns, Is.Empty);
        });
    }
}
