using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Outbox;

/// <summary>Delivery semantics of the outbox dispatcher against a scripted mail port, on a real SQLite file and a hand-moved clock.</summary>
public sealed class OutboxDeliveryTests
{
    private RuntimeHarness _node = null!;
    private ScriptedTransport _transport = null!;

    private async Task StartAsync(Action<OutboxOptions>? options = null, Action<IServiceCollection>? more = null)
    {
        _transport = new ScriptedTransport();
        _node = await RuntimeHarness.StartAsync(configure: services =>
        {
            services.AddSingleton<IMailTransport>(_transport);
            services.Configure<OutboxOptions>(o =>
            {
                o.QuickRetries = 0;
                o.RetryBaseDelay = TimeSpan.FromMinutes(1);
                o.RetryMaxDelay = TimeSpan.FromMinutes(10);
                o.BreakDuration = TimeSpan.FromMinutes(1);
                options?.Invoke(o);
            });
            more?.Invoke(services);
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _node.DeleteFolder();
    }

    /// <summary>Rows as a committed burst leaves them.</summary>
    private async Task<List<long>> EnqueueAsync(string eventName, params string[] recipients)
    {
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = _node.Clock.GetUtcNow();
        var rows = new List<OutboxRecord>();
        foreach (var (recipient, i) in recipients.Select((r, i) => (r, i)))
        {
            var messageId = $"<{Guid.NewGuid():N}@test>";
            var mail = new OutgoingMail(messageId, recipient, $"{eventName} for {recipient}", $"Body of {eventName}.\n");
            rows.Add(new OutboxRecord
            {
                Type = OutboxMessageTypes.Email, MessageId = messageId, Event = $"{eventName}#0", Recipient = recipient, Subject = mail.Subject,
                Payload = JsonSerializer.Serialize(mail), Status = OutboxStatus.Pending, CreatedAt = now.AddTicks(i), NextAttemptAt = now,
            });
        }

        db.Outbox.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private async Task<DeliveryView> RowAsync(string recipient) =>
        (await _node.Queries.ListDeliveriesAsync()).Single(r => r.Recipient == recipient);

    [Test]
    public async Task A_permanent_failure_is_failed_at_once_with_the_reason_listed_for_the_lead_and_can_be_sent_again()
    {
        await StartAsync();
        _transport.Answer("gone@example.org", ScriptedTransport.Permanent());
        await EnqueueAsync("invitation.member", "gone@example.org", "here@example.org");

        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        var failed = await _node.Queries.ListFailedDeliveriesAsync();
        Assert.That(failed, Has.Count.EqualTo(1));
        Assert.That(failed[0].Recipient, Is.EqualTo("gone@example.org"));
        Assert.That(failed[0].Attempts, Is.EqualTo(1));
        Assert.That(failed[0].LastError, Is.EqualTo("550 5.1.1 Mailbox does not exist"));
        Assert.That((await _node.Queries.ListDeliveriesAsync())[0].Status, Is.EqualTo(OutboxStatus.Failed), "failed rows come first in the list");

        var admin = new OutboxAdmin(_node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), _node.Clock);
        Assert.That(await admin.RetryAsync(long.MaxValue), Is.False);
        Assert.That(await admin.RetryAsync(failed[0].Id), Is.True);
        Assert.That(await admin.RetryAsync(failed[0].Id), Is.False, "it is no longer failed");
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        Assert.That((await RowAsync("gone@example.org")).Status, Is.EqualTo(OutboxStatus.Sent));
        Assert.That(await _node.Queries.ListFailedDeliveriesAsync(), Is.Empty);
    }

    [Test]
    public async Task A_transient_failure_waits_with_exponential_backoff_on_the_injected_clock()
    {
        await StartAsync();
        _transport.Answer("busy@example.org", ScriptedTransport.Transient(), ScriptedTransport.Transient());
        await EnqueueAsync("reminder.member", "busy@example.org");

        await _node.Dispatcher.DispatchOnceAsync();
        var row = await RowAsync("busy@example.org");
        Assert.That((row.Status, row.Attempts, row.LastError), Is.EqualTo((OutboxStatus.Pending, 1, "450 4.2.1 Mailbox busy")));
        Assert.That(row.NextAttemptAt, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromMinutes(1)));

        _node.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0), "never before its time");
        _node.Clock.Advance(TimeSpan.FromSeconds(1));
        await _node.Dispatcher.DispatchOnceAsync();
        row = await RowAsync("busy@example.org");
        Assert.That(row.NextAttemptAt, Is.EqualTo(_node.Clock.GetUtcNow() + TimeSpan.FromMinutes(2)), "doubled");

        _node.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        row = await RowAsync("busy@example.org");
        Assert.That((row.Status, row.Attempts), Is.EqualTo((OutboxStatus.Sent, 3)));
        Assert.That(_transport.Delivered.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Transient_failures_become_a_failure_after_the_last_attempt()
    {
        await StartAsync(o => o.MaxAttempts = 2);
        _transport.Answer("busy@example.org", ScriptedTransport.Transient(), ScriptedTransport.Transient("421 4.3.2 Service shutting down"));
        await EnqueueAsync("reminder.member", "busy@example.org");
        await _node.Dispatcher.DispatchOnceAsync();
        _node.Clock.Advance(TimeSpan.FromMinutes(1));
        await _node.Dispatcher.DispatchOnceAsync();
        var row = await RowAsync("busy@example.org");
        Assert.That((row.Status, row.Attempts, row.LastError), Is.EqualTo((OutboxStatus.Failed, 2, "421 4.3.2 Service shutting down")));
    }

    [Test]
    public async Task A_relay_that_is_down_pauses_sending_and_the_waiting_messages_keep_their_attempts()
    {
        await StartAsync(o =>
        {
            o.Concurrency = 1;
            o.BreakAfterFailures = 2;
        });
        _transport.Always = ScriptedTransport.Transient("127.0.0.1:25: Failure sending mail: Connection refused");
        await EnqueueAsync("submitted.member", "a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org");

        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0));
        var rows = await _node.Queries.ListDeliveriesAsync();
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo(OutboxStatus.Pending));
        Assert.That(rows.Count(r => r.Attempts == 1), Is.EqualTo(2), "two failures open the breaker");
        Assert.That(rows.Count(r => r.Attempts == 0 && r.LastError!.Contains("sending is paused")), Is.EqualTo(3), "the rest wait without losing an attempt");
        Assert.That(_transport.Calls, Is.EqualTo(2), "the relay is not hammered");
        Assert.That(_node.Dispatcher.RelayPaused, Is.True);
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0), "no claim while paused");
    }

    [Test]
    public async Task Sends_overlap_up_to_the_concurrency_setting_and_each_message_goes_once()
    {
        await StartAsync(o => o.Concurrency = 3);
        _transport.SendTime = TimeSpan.FromMilliseconds(30);
        var recipients = Enumerable.Range(0, 12).Select(i => $"m{i}@example.org").ToArray();
        await EnqueueAsync("outcome.member", recipients);
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(12));
        Assert.That(_transport.MaxInFlight, Is.EqualTo(3));
        Assert.That(_transport.Delivered.Select(m => m.To).Order(), Is.EqualTo(recipients.Order()));
    }

    [Test]
    public async Task The_rate_limit_spaces_sends_in_real_time()
    {
        await StartAsync(o =>
        {
            o.MaxPerSecond = 20;
            o.Concurrency = 4;
        });
        await EnqueueAsync("outcome.member", Enumerable.Range(0, 6).Select(i => $"m{i}@example.org").ToArray());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(6));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240)), "6 messages at 20/s take at least 5 intervals of 50 ms");
    }

    [Test]
    public async Task An_unreadable_stored_message_fails_for_good_with_the_reason()
    {
        await StartAsync();
        var id = (await EnqueueAsync("fault.lead", "lead@example.org")).Single();
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.Outbox.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Payload, "{ not json"));
        await _node.Dispatcher.DispatchOnceAsync();
        var row = await RowAsync("lead@example.org");
        Assert.That(row.Status, Is.EqualTo(OutboxStatus.Failed));
        Assert.That(row.LastError, Does.StartWith("The stored message cannot be read"));
    }

    [Test]
    public void Settings_that_cannot_work_are_named()
    {
        var problems = new OutboxOptions { Concurrency = 0, MaxPerSecond = -1, DigestTimeZone = "Mars/Olympus" }.Problems();
        Assert.That(problems, Has.Some.StartsWith("Outbox:Concurrency").And.Some.StartsWith("Outbox:MaxPerSecond").And.Some.StartsWith("Outbox:DigestTimeZone"));
    }
}
