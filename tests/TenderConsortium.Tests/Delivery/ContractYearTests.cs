using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Persistence;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Tests.Delivery;

/// <summary>
/// A whole contract year on a clock the test moves day by day: twelve monthly periods, each member's return and
/// invoice the day after the period, the lead paying on day 20 except two invoices paid on day 35. The shipped
/// contract-delivery workflow runs on the real runtime and SQLite: it reminds the lead only about the two invoices
/// still unpaid a week before their due date, sends each late notice once, and ends when the year is delivered and
/// paid; the days-to-pay figures and the interest on the late invoices come out of the same year.
/// </summary>
public sealed class ContractYearTests
{
    private TempDatabase _db = null!;
    private ManualClock _clock = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task Create()
    {
        _db = await TempDatabase.CreateAsync();
        await WorkflowDatabase.MigrateAsync(_db.ConnectionString);
        _clock = new ManualClock(DeliveryFixtures.Award);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddWorkflowRuntime(_db.ConnectionString);
        services.AddTenderDomain(_db.ConnectionString, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var links = new PublicLinks("https://bids.example.org");
        services.AddSingleton(links);
        services.AddSingleton<IEmailTemplates>(new FileEmailTemplates(Path.Combine(RepoFiles.RepoRoot, "templates", "email"), "Clyde Consortium", links));
        _services = services.BuildServiceProvider();
        var runtime = _services.GetRequiredService<WorkflowRuntime>();
        var loaded = runtime.Definitions.Loader.LoadDirectory(Path.Combine(RepoFiles.RepoRoot, "workflows"));
        await runtime.Definitions.SyncAsync(loaded.Where(r => r.Definition is not null).Select(r => r.Definition!));
    }

    [TearDown]
    public async Task Dispose()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static readonly HashSet<int> LatePeriods = [3, 9];

    [Test]
    public async Task A_year_of_returns_invoices_and_payments_gets_each_notice_once_and_the_workflow_ends_when_all_is_paid()
    {
        var store = _services.GetRequiredService<IDeliveryStore>();
        var runtime = _services.GetRequiredService<WorkflowRuntime>();
        var contract = DeliveryFixtures.Contract();
        Assert.That(await store.TryAddAsync(contract), Is.True);
        var instance = (await runtime.StartAsync("contract-delivery", new JsonObject { ["contractId"] = contract.Id },
            new JsonObject { ["leadEmail"] = "bids@clyde.example", ["consortiumName"] = "Clyde Consortium" }, contract.Id)).InstanceId;
        Assert.That((await store.FindAsync(contract.Id))!.InstanceId, Is.EqualTo(instance), "the workflow's first step claims the contract");

        var last = contract.Periods[^1].End.AddDays(40);
        for (var day = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime); day <= last; day = day.AddDays(1))
        {
            _clock.Advance(TimeSpan.FromDays(1));
            var today = day.AddDays(1);
            contract = (await store.FindAsync(contract.Id))!;
            var changed = false;
            foreach (var period in contract.Periods.Where(p => p.End.AddDays(1) == today))
            {
                foreach (var member in contract.Members)
                {
                    contract.SubmitReturn(period.Number, member.MemberId, member.Lines.Select(l => new OutputLine(l.LotId, l.Volume / 12m)).ToList(),
                        [new SocialValueDelivered("SV01", 1, "")], "Timesheets", _clock.GetUtcNow(), member.Name);
                    contract.RaiseMemberInvoice(period.Number, member.MemberId, today);
                }

                changed = true;
            }

            foreach (var invoice in contract.MemberInvoices.Where(i => !i.IsPaid))
            {
                var late = LatePeriods.Contains(invoice.Period) && invoice.MemberId == "m-larder";
                if (today != invoice.ReceivedOn.AddDays(late ? 35 : 20)) continue;
                contract.RecordPayment(invoice.Id, today, invoice.Amount, $"CLYDE-{invoice.Id}", _clock.GetUtcNow(), "lead");
                changed = true;
            }

            if (changed)
            {
                await store.SaveAsync(contract);
                // As the doors do after a change: the watch looks at the due dates again.
                if (await runtime.IsWaitingAsync(instance, DeliverySignals.Changed, contract.Id))
                    await runtime.ResumeAsync(instance, DeliverySignals.Changed, contract.Id, new JsonObject(), Guid.NewGuid().ToString("N"), "lead");
            }
            // Notices fall due at 08:00: fire the day's timers after it.
            _clock.Advance(TimeSpan.FromHours(1));
            while (await runtime.FireDueTimersAsync() > 0) { }
            _clock.Advance(TimeSpan.FromHours(-1));
        }

        contract = (await store.FindAsync(contract.Id))!;
        var summary = (await _services.GetRequiredService<WorkflowQueries>().GetInstanceAsync(instance))!.Summary;
        var mail = await _services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: instance, take: 1000);
        var lateIds = contract.MemberInvoices.Where(i => i.MemberId == "m-larder" && LatePeriods.Contains(i.Period)).Select(i => i.Id).Order().ToList();
        int Count(string template) => mail.Count(m => m.Event.StartsWith(template + ":", StringComparison.Ordinal));
        var end = contract.Periods[^1].End.AddDays(41);
        Assert.Multiple(() =>
        {
            Assert.That(contract.MemberInvoices, Has.Count.EqualTo(24));
            Assert.That(contract.MemberInvoices.All(i => i.IsPaid), Is.True);
            Assert.That(summary.Status, Is.EqualTo(InstanceStatus.Finished), "the workflow ends once the year is delivered and paid");
            Assert.That(mail.GroupBy(m => (m.Event, m.Recipient)).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no notice twice");
            Assert.That(Count(DeliveryEmails.ReminderLead), Is.EqualTo(4), "7 and 1 days before, only for the two invoices still unpaid then");
            Assert.That(mail.Where(m => m.Event.StartsWith(DeliveryEmails.LateLead + ":", StringComparison.Ordinal)).Select(m => m.Event.Split('#')[0].Split(':')[^1]).Order(),
                Is.EqualTo(lateIds), "a late alert for exactly the invoices paid late");
            Assert.That(mail.Where(m => m.Event.StartsWith(DeliveryEmails.LateMember + ":", StringComparison.Ordinal)).Select(m => m.Recipient).Distinct(),
                Is.EqualTo(new[] { "hello@linktownlarder.example" }), "the late member is told, and only it");
            Assert.That(Count(DeliveryEmails.LateMember), Is.EqualTo(2));
            var days = DaysToPay.Of(contract.MemberInvoices);
            Assert.That((days.Paid, days.Median, days.Percentile95, days.WithinTermsShare), Is.EqualTo((24, 20m, 35, 22m / 24)));
            var options = new LatePaymentOptions();
            foreach (var invoice in contract.MemberInvoices)
            {
                var claim = invoice.LateClaim(end, options);
                if (lateIds.Contains(invoice.Id))
                    Assert.That((invoice.DaysLate(end), claim.Interest), Is.EqualTo((5, decimal.Round(invoice.Amount * LatePayment.AnnualRatePercent(options) / 100m / 365m * 5, 2, MidpointRounding.AwayFromZero))),
                        $"{invoice.Id}: 5 days of interest, frozen once paid");
                else Assert.That(claim.Total, Is.Zero, $"{invoice.Id}: paid on time, nothing to claim");
            }
        });
    }
}
