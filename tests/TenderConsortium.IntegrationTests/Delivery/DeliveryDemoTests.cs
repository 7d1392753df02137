using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Delivery;
using TenderConsortium.IntegrationTests.Documents;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Delivery;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Delivery;

/// <summary>
/// `tender demo --through-delivery` in a real process: two periods of returns, invoices and payments, one paid late.
/// Its reports are read back and their sums checked against the stored returns; killed anywhere in delivery and run
/// again, it records no payment twice, sends no notice twice and works out no interest on a paid invoice.
/// </summary>
[NonParallelizable]
public sealed partial class DeliveryDemoTests
{
    private string _data = null!;

    private string Connection => DatabaseConnection.ForDataFolder(_data);

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-delivery-demo", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private string[] Args() => ["demo", "--data", _data, "--workflows", TenderProcess.WorkflowsFolder, "--through-delivery"];

    private static Dictionary<string, string> Environment() => new() { ["Outbox__ClaimDuration"] = "00:00:01" };

    [Test]
    public async Task The_demo_delivers_two_periods_and_its_reports_add_up_to_the_returns()
    {
        var (exit, output) = await TenderProcess.RunAsync(Args(), Environment(), timeoutSeconds: 300);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Days to pay members (6 paid invoices): median 21 days, 95th percentile 40 days, 83.33% paid within terms"));
        Assert.That(output, Does.Match(@"Paid late: .+ invoice P1-M1, .+ 10 days late\. Interest due at 11\.75% a year: £\d+\.\d\d"));
        var delivery = output[output.IndexOf("Delivery starts", StringComparison.Ordinal)..output.IndexOf("Period reports:", StringComparison.Ordinal)];
        Assert.That(delivery, Does.Not.Match(Guids()), "no raw key reaches the lead in what delivery prints");

        var contract = (await new DeliveryStore(Connection).ListAsync(null)).Single();
        var late = contract.MemberInvoices.Single(i => i.DaysLate(new DateOnly(2100, 1, 1)) > 0);
        var claim = late.LateClaim(new DateOnly(2100, 1, 1), new LatePaymentOptions());
        Assert.That(output, Does.Contain($"Interest due at 11.75% a year: {DeliveryText.Money(claim.Interest)}"), "the printed interest is the stored invoice's");

        var files = Directory.GetFiles(Path.Combine(_data, "documents"), "period-*.*", SearchOption.AllDirectories).Order().ToList();
        Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { "period-01.docx", "period-01.xlsx", "period-02.docx", "period-02.xlsx" }));
        foreach (var period in new[] { 1, 2 })
        {
            var xlsx = files.Single(f => f.EndsWith($"period-{period:00}.xlsx", StringComparison.Ordinal));
            var outputs = DeliveryReportReader.Rows(xlsx, "Outputs");
            var social = DeliveryReportReader.Rows(xlsx, "Social value");
            var invoices = DeliveryReportReader.Rows(xlsx, "Invoices");
            foreach (var member in contract.Members)
            {
                var returned = contract.Return(period, member.MemberId)!;
                Assert.Multiple(() =>
                {
                    Assert.That(outputs.Where(r => (string?)r[0] == member.Name).Sum(r => (decimal)r[4]!), Is.EqualTo(returned.Outputs.Sum(o => o.Quantity)),
                        $"period {period}, {member.Name}: outputs");
                    Assert.That(outputs.Where(r => (string?)r[0] == member.Name).Sum(r => (decimal)r[6]!),
                        Is.EqualTo(contract.Returns.Where(r => r.MemberId == member.MemberId && r.Period <= period).Sum(r => r.Outputs.Sum(o => o.Quantity))),
                        $"period {period}, {member.Name}: outputs to date");
                    Assert.That(social.Where(r => (string?)r[0] == member.Name).Sum(r => (decimal)r[4]!), Is.EqualTo(returned.SocialValue.Sum(s => s.Quantity)),
                        $"period {period}, {member.Name}: social value, each return counted once");
                    Assert.That(invoices.Where(r => (string?)r[0] == member.Name).Sum(r => (decimal)r[2]!),
                        Is.EqualTo(DeliveryContract.Amount(member, returned.Outputs)), $"period {period}, {member.Name}: the invoice is the return at the agreed prices");
                });
            }

            Assert.That(social.Sum(r => (decimal)r[5]!), Is.EqualTo(contract.Returns.Where(r => r.Period <= period).Sum(r => r.SocialValue.Sum(s => s.Quantity))),
                "social value to date across members: no double counting");
        }

        if (LibreOffice.Missing() is { } missing)
        {
            ServiceRequirement.Missing("LibreOffice", missing);
            return;
        }

        var pdfs = Path.Combine(_data, "pdf");
        Directory.CreateDirectory(pdfs);
        LibreOffice.Convert("pdf", pdfs, files.Where(f => f.EndsWith(".docx", StringComparison.Ordinal)));
        var text = LibreOffice.PdfText(Path.Combine(pdfs, "period-01.pdf"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Contract delivery report").And.Contain("Glasgow City Council"));
            foreach (var member in contract.Members) Assert.That(text, Does.Contain(member.Name.Split(' ')[0]));
            Assert.That(text, Does.Contain(DeliveryText.Money(late.Amount)), "the late invoice's amount as a reader sees it");
            Assert.That(text, Does.Not.Contain("{{").And.Not.Contain("report.").And.Not.Match(Guids()));
        });
    }

    /// <summary>Places to die in delivery: mid-notice (before its burst commits), after a payment is stored, and the runtime's own points in a delivery burst.</summary>
    public static IEnumerable<TestCaseData> CrashPointCases() =>
        new[] { "before-activity:payments", "delivery-notice-queued", "delivery-payment-saved" }
            .Select(point => new TestCaseData(point).SetName($"Killed in delivery at {point}, the demo completes with every payment and notice once"));

    [TestCaseSource(nameof(CrashPointCases))]
    public async Task Killed_anywhere_in_delivery_no_payment_or_notice_is_recorded_twice(string point)
    {
        using (var first = TenderProcess.Start(Args(), new Dictionary<string, string>(Environment()) { [CrashPoints.Variable] = point }))
        {
            await first.KillWhenPausedAsync(TimeSpan.FromSeconds(300));
        }

        var (exit, output) = await TenderProcess.RunAsync(Args(), Environment(), timeoutSeconds: 300);
        Assert.That(exit, Is.EqualTo(0), output);

        var contract = (await new DeliveryStore(Connection).ListAsync(null)).Single();
        await using (var db = TenderDatabase.Open(Connection))
        {
            var payments = await db.Set<DeliveryPaymentRecord>().ToListAsync();
            Assert.Multiple(() =>
            {
                Assert.That(payments, Has.Count.EqualTo(2 * contract.Members.Count + 2), "each member invoice and each buyer invoice paid once");
                Assert.That(contract.AllInvoices.Where(i => i.Period <= 2).All(i => i.IsPaid && i.PaidAmount == i.Amount), Is.True, "nothing paid twice over");
            });
        }

        await using var workflows = new WorkflowDbContext(TenderConsortium.Workflows.Hosting.WorkflowDatabase.Options(Connection));
        var mail = await workflows.Outbox.AsNoTracking().Where(m => m.InstanceId == contract.InstanceId).ToListAsync();
        var late = contract.MemberInvoices.Where(i => i.DaysLate(new DateOnly(2100, 1, 1)) > 0).Select(i => i.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mail.GroupBy(m => (m.Event, m.Recipient)).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no notice queued twice");
            Assert.That(mail.Count(m => m.Event.StartsWith(DeliveryEmails.ReminderLead, StringComparison.Ordinal)), Is.EqualTo(2), "7 and 1 days before, for the invoice paid late");
            Assert.That(mail.Where(m => m.Event.StartsWith(DeliveryEmails.LateLead, StringComparison.Ordinal)).Select(m => m.Event),
                Has.All.Contains(late.Single()), "a late alert only for the invoice not paid by its due date");
            Assert.That(mail.Count(m => m.Event.StartsWith(DeliveryEmails.LateMember, StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(contract.MemberInvoices.Where(i => !late.Contains(i.Id)).Select(i => i.LateClaim(new DateOnly(2100, 1, 1), new LatePaymentOptions()).Total),
                Has.All.EqualTo(0m), "no interest on an invoice paid on time");
        });
    }

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex Guids();
}
