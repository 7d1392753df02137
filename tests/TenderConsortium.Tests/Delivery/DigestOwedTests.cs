using TenderConsortium.Application.Delivery.MemberLink;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Persistence.Delivery;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Tests.Delivery;

/// <summary>A member's daily digest lists every invoice still owed to it, which are late, and its delivery page, from the stored contract.</summary>
public sealed class DigestOwedTests
{
    private static readonly PublicLinks Links = new("https://bids.clyde.example/");

    [Test]
    public async Task The_member_digest_lists_what_is_outstanding_and_what_is_late_and_nothing_paid()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new DeliveryStore(db.ConnectionString);
        Assert.That(await store.TryAddAsync(DeliveryFixtures.Contract()), Is.True);
        var contract = (await store.ListAsync(null)).Single();
        foreach (var period in new[] { 1, 2, 3 })
        {
            var received = contract.Period(period).End.AddDays(1);
            var at = new DateTimeOffset(received.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            contract.SubmitReturn(period, "m-larder", [new OutputLine("1", 100)], [], null, at, "Linktown Larder CIC");
            var invoice = contract.RaiseMemberInvoice(period, "m-larder", received);
            if (period == 1) contract.RecordPayment(invoice.Id, received.AddDays(10), invoice.Amount, "PAID-1", at.AddDays(10), "lead");
        }

        await store.SaveAsync(contract);
        var links = new DeliveryLinks(new InvitationTokenIssuer(new byte[32]), Links);
        var digest = new TemplateMailDigest(new FileEmailTemplates(Path.Combine(RepoFiles.RepoRoot, "templates", "email"), "Clyde Consortium", Links), Links,
            owed: new OwedStatements(store, links));
        var today = contract.Period(3).End.AddDays(11); // period 2's invoice is late, period 3's is not yet due
        var held = new HeldMail(new OutgoingMail("<a@x>", "hello@linktownlarder.example", "Bid submitted", "Sent today."), new DateTimeOffset(2027, 8, 1, 9, 0, 0, TimeSpan.Zero));
        var mail = digest.Compose("<d@x>", "HELLO@linktownlarder.example", today, [held]);
        var p2 = contract.MemberInvoice(2, "m-larder")!;
        var p3 = contract.MemberInvoice(3, "m-larder")!;
        Assert.Multiple(() =>
        {
            Assert.That(mail.TextBody, Does.Contain("== What you are owed =="));
            Assert.That(mail.TextBody, Does.Contain($"- Glasgow residential recovery, invoice {p2.Id} for {DeliveryText.Period(contract.Period(2))}: £3,000.00, " +
                                                    $"{DeliveryText.Days(today.DayNumber - p2.DueOn.DayNumber)} late (it was due on {DeliveryText.Day(p2.DueOn)})."));
            Assert.That(mail.TextBody, Does.Contain($"invoice {p3.Id} for {DeliveryText.Period(contract.Period(3))}: £3,000.00, due on {DeliveryText.Day(p3.DueOn)}."));
            Assert.That(mail.TextBody, Does.Not.Contain(contract.MemberInvoice(1, "m-larder")!.Id + " "), "a paid invoice is not listed");
            Assert.That(mail.TextBody, Does.Contain(links.Member(contract.Id, "m-larder")));
            Assert.That(mail.HtmlBody, Does.Contain("What you are owed").And.Contain("<strong>&#163;3,000.00</strong>"));
        });
        var other = digest.Compose("<e@x>", "finance@govanwellbeing.example", today, [held]);
        Assert.That(other.TextBody, Does.Not.Contain("What you are owed"), "a member owed nothing gets no such section");
    }
}
