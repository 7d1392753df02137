using TenderConsortium.Core.Notifications;

namespace TenderConsortium.Core.Delivery;

/// <summary>The models of the delivery emails (payment reminders, late alerts and notices), one builder for the workflow and the template check.</summary>
public static class DeliveryEmails
{
    public const string ReminderLead = "payment-reminder.lead";
    public const string LateLead = "payment-late.lead";
    public const string LateMember = "payment-late.member";
    public const string StartedMember = "delivery-started.member";

    /// <summary>The award's email to a member: what it delivers, how often it sends returns, when it is paid, and its link.</summary>
    public static Dictionary<string, object?> StartedModel(DeliveryContract contract, ContractMember member, string link, IReadOnlyDictionary<string, object?> lead) =>
        EmailModels.Model(
            ("contract", EmailModels.Model(("title", contract.Title), ("buyer", contract.Buyer))),
            ("member", EmailModels.Member(member.Name, null)),
            ("lines", member.Lines.Select(l => EmailModels.Model(
                ("text", $"Lot {l.LotId}, {l.LotTitle}: {DeliveryText.Quantity(l.Volume)} {DeliveryText.Unit(l.Unit, l.Volume)} at {DeliveryText.Money(l.PricePerUnit)} each"))).ToList()),
            ("commitments", member.Commitments.Select(c => EmailModels.Model(("text", $"{c.MeasureId}: {DeliveryText.Quantity(c.Quantity)} {c.Unit}"))).ToList()),
            ("periods", EmailModels.Model(
                ("count", contract.Periods.Count),
                ("every", contract.PeriodLength == PeriodLength.Monthly ? "month" : "three months"),
                ("from", DeliveryText.Day(contract.Periods[0].Start)),
                ("to", DeliveryText.Day(contract.Periods[^1].End)),
                ("firstEnds", DeliveryText.Day(contract.Periods[0].End)))),
            ("paymentDays", contract.PaymentDays),
            ("link", link),
            ("lead", lead));

    public static Dictionary<string, object?> Model(DeliveryContract contract, PaymentNotice notice, LatePaymentOptions options, string link, string leadName, string leadEmail)
    {
        var invoice = notice.Invoice;
        var member = contract.Member(invoice.MemberId);
        var rate = LatePayment.AnnualRatePercent(options);
        return EmailModels.Model(
            ("contract", EmailModels.Model(("title", contract.Title), ("buyer", contract.Buyer))),
            ("member", EmailModels.Member(member.Name, null)),
            ("invoice", EmailModels.Model(
                ("id", invoice.Id),
                ("period", DeliveryText.Period(contract.Period(invoice.Period))),
                ("amount", DeliveryText.Money(invoice.Amount)),
                ("outstanding", DeliveryText.Money(invoice.Outstanding)),
                ("dueOn", DeliveryText.Day(invoice.DueOn)),
                ("paymentDays", invoice.PaymentDays))),
            ("daysLeft", DeliveryText.Days(notice.DaysBefore)),
            ("claim", EmailModels.Model(
                ("rate", DeliveryText.Percent(rate)),
                ("dailyInterest", DeliveryText.Money(decimal.Round(LatePayment.DailyInterest(invoice.Outstanding, rate), 2, MidpointRounding.AwayFromZero))),
                ("from", DeliveryText.Day(invoice.DueOn.AddDays(1))),
                ("compensation", DeliveryText.Money(LatePayment.FixedCompensation(invoice.Amount))))),
            ("link", link),
            ("lead", EmailModels.Model(("name", leadName), ("email", leadEmail))));
    }

    /// <summary>A realistic model for the template check and previews.</summary>
    public static Dictionary<string, object?> StartedSample(PublicLinks links)
    {
        var contract = SampleContract();
        var model = StartedModel(contract, contract.Members[0], links.Absolute("/delivery/m/s4mpleT0ken-member-delivery-link"),
            EmailModels.Model(("name", "Jamie Reid, Fife Social Enterprise Network"), ("email", "bids@fifesen.example")));
        model["member"] = EmailModels.Member("Kirkcaldy Community Links", "Aileen Brown");
        return model;
    }

    private static DeliveryContract SampleContract() =>
        DeliveryContract.Start("bid-1", "opp-1", "consortium", "Community link workers, Fife", "Fife Council", "bids@fifesen.example", PeriodLength.Monthly,
            [new DeliveryPeriod(1, new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 30))],
            [new ContractMember("m1", "Kirkcaldy Community Links", "aileen@kcl.example", [new ContractLine("1", "Kirkcaldy", "hours", 2400, 32.50m)],
                [new Declarations.SocialValueCommitment("SV01", 2, "local people hired")])],
            0.05m, 30, new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.Zero), "sample");

    /// <summary>A realistic model for the template check and previews.</summary>
    public static Dictionary<string, object?> Sample(string template, PublicLinks links)
    {
        var contract = SampleContract();
        contract.SubmitReturn(1, "m1", [new OutputLine("1", 200)], [], null, new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero), "sample");
        var invoice = contract.RaiseMemberInvoice(1, "m1", new DateOnly(2027, 5, 1));
        var notice = template == ReminderLead
            ? new PaymentNotice($"reminder:{invoice.Id}:7", PaymentNoticeKind.Reminder, invoice, invoice.DueOn.AddDays(-7), 7)
            : new PaymentNotice($"late:{invoice.Id}", PaymentNoticeKind.Late, invoice, invoice.DueOn.AddDays(1), 0);
        var model = Model(contract, notice, new LatePaymentOptions(), template == LateMember ? links.Absolute("/delivery/m/s4mpleT0ken-member-delivery-link") : links.Absolute("/lead/delivery/opp-1"), "Jamie Reid, Fife Social Enterprise Network", "bids@fifesen.example");
        model["member"] = EmailModels.Member("Kirkcaldy Community Links", "Aileen Brown");
        return model;
    }
}
