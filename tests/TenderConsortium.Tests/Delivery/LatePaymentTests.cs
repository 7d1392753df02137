using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Tests.Delivery;

/// <summary>The Late Payment of Commercial Debts (Interest) Act 1998 arithmetic, worked as docs/delivery.md works it.</summary>
public sealed class LatePaymentTests
{
    private static readonly LatePaymentOptions Options = new() { BaseRatePercent = 3.75m };
    private static readonly DateTimeOffset Now = new(2027, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static MemberInvoice Invoice(decimal amount, DateOnly received) => MemberInvoice.Restore("P1-m", 1, "m", amount, amount, null, received, 30, []);

    [Test]
    public void The_worked_example_of_the_guide_20_days_late_on_2400_pounds()
    {
        var invoice = Invoice(2400m, new DateOnly(2027, 5, 1));
        Assert.That(invoice.DueOn, Is.EqualTo(new DateOnly(2027, 5, 31)));
        invoice.RecordPayment(new DateOnly(2027, 6, 20), 2400m, "BACS-1", Now, "lead");
        var claim = invoice.LateClaim(new DateOnly(2027, 7, 1), Options);
        Assert.Multiple(() =>
        {
            Assert.That(claim.DaysLate, Is.EqualTo(20));
            Assert.That(claim.AnnualRatePercent, Is.EqualTo(11.75m));
            Assert.That(claim.DailyInterest, Is.EqualTo(0.77m)); // 2,400 × 11.75% ÷ 365 = 0.7726…
            Assert.That(claim.Interest, Is.EqualTo(15.45m)); // 0.7726… × 20 = 15.452…
            Assert.That(claim.FixedCompensation, Is.EqualTo(70m));
            Assert.That(claim.Total, Is.EqualTo(85.45m));
        });
    }

    [TestCase(999.99, 40)]
    [TestCase(1000, 70)]
    [TestCase(9999.99, 70)]
    [TestCase(10000, 100)]
    [TestCase(250000, 100)]
    public void Fixed_compensation_follows_the_size_of_the_debt(decimal debt, decimal expected) =>
        Assert.That(LatePayment.FixedCompensation(debt), Is.EqualTo(expected));

    [Test]
    public void An_invoice_paid_on_the_due_date_owes_nothing()
    {
        var invoice = Invoice(5000m, new DateOnly(2027, 5, 1));
        invoice.RecordPayment(invoice.DueOn, 5000m, "BACS-2", Now, "lead");
        var claim = invoice.LateClaim(new DateOnly(2027, 12, 31), Options);
        Assert.Multiple(() =>
        {
            Assert.That(claim.Any, Is.False);
            Assert.That(claim.Total, Is.Zero);
            Assert.That(invoice.DaysToPay, Is.EqualTo(30));
        });
    }

    [Test]
    public void Interest_stops_on_the_day_of_payment_however_late_it_is_read()
    {
        var invoice = Invoice(2400m, new DateOnly(2027, 5, 1));
        invoice.RecordPayment(new DateOnly(2027, 6, 20), 2400m, "BACS-1", Now, "lead");
        Assert.That(invoice.LateClaim(new DateOnly(2028, 3, 31), Options), Is.EqualTo(invoice.LateClaim(new DateOnly(2027, 6, 20), Options)));
    }

    [Test]
    public void An_unpaid_invoice_accrues_to_today()
    {
        var invoice = Invoice(2400m, new DateOnly(2027, 5, 1));
        var claim = invoice.LateClaim(new DateOnly(2027, 6, 10), Options);
        Assert.Multiple(() =>
        {
            Assert.That(claim.DaysLate, Is.EqualTo(10));
            Assert.That(claim.Interest, Is.EqualTo(7.73m));
        });
    }

    [Test]
    public void A_part_payment_lowers_the_debt_interest_runs_on()
    {
        var invoice = Invoice(2000m, new DateOnly(2027, 5, 1));
        invoice.RecordPayment(new DateOnly(2027, 6, 10), 1000m, "PART-1", Now, "lead"); // 10 days late on 2,000
        invoice.RecordPayment(new DateOnly(2027, 6, 20), 1000m, "PART-2", Now, "lead"); // then 10 days on 1,000
        var expected = decimal.Round(2000m * 0.1175m / 365m * 10 + 1000m * 0.1175m / 365m * 10, 2, MidpointRounding.AwayFromZero);
        Assert.That(invoice.LateClaim(new DateOnly(2027, 7, 1), Options).Interest, Is.EqualTo(expected));
    }
}
