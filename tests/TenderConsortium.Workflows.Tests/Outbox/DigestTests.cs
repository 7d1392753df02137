using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Outbox;

/// <summary>The optional daily digest: held rows, composed once a day at a local time, delivered as one message.</summary>
public sealed class DigestTests
{
    // Epoch is Monday 2 November 2026, 09:00 UTC (GMT): today's 08:00 digest has passed, the next is tomorrow 08:00 UTC.
    private static readonly DateTimeOffset NextDigest = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private RuntimeHarness _node = null!;
    private ScriptedTransport _transport = null!;

    [SetUp]
    public async Task Start()
    {
        _transport = new ScriptedTransport();
        _node = await RuntimeHarness.StartAsync(configure: services =>
        {
            services.AddSingleton<IMailTransport>(_transport);
            services.AddSingleton<IMailDigest, NewsDigest>();
            services.Configure<OutboxOptions>(o => o.QuickRetries = 0);
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _node.DeleteFolder();
    }

    private MailPreferences Preferences => new(_node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), _node.Clock);

    private async Task EnqueueAsync(string eventKey, string recipient)
    {
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = _node.Clock.GetUtcNow();
        var mail = new OutgoingMail($"<{Guid.NewGuid():N}@test>", recipient, $"Subject {eventKey}", $"Text {eventKey}");
        db.Outbox.Add(new OutboxRecord
        {
            Type = OutboxMessageTypes.Email, MessageId = mail.MessageId, Event = eventKey, Recipient = recipient, Subject = mail.Subject,
            Payload = JsonSerializer.Serialize(mail), Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task News_for_a_member_who_prefers_the_digest_waits_and_arrives_once_a_day_in_one_message()
    {
        await Preferences.SetDigestAsync("Daily@Example.org", true);
        Assert.That(await Preferences.WantsDigestAsync("daily@example.org"), Is.True);
        await EnqueueAsync("news.member#0", "daily@example.org");
        await EnqueueAsync("urgent.member#0", "daily@example.org");
        await EnqueueAsync("news.member#0", "instant@example.org");

        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(2), "the urgent one and the other member's news go at once");
        var held = (await _node.Queries.ListDeliveriesAsync(OutboxStatus.Held)).Single();
        Assert.That((held.Recipient, held.NextAttemptAt), Is.EqualTo(("daily@example.org", NextDigest)));

        _node.Clock.Advance(TimeSpan.FromHours(3));
        await EnqueueAsync("news.member#1", "DAILY@example.org");
        await _node.Dispatcher.DispatchOnceAsync();
        _node.Clock.Advance(NextDigest - _node.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0), "not before 08:00");

        _node.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        var digest = _transport.Delivered.Last();
        Assert.That(digest.To, Is.EqualTo("daily@example.org"));
        Assert.That(digest.Subject, Is.EqualTo("Digest for 2026-11-03: 2"));
        Assert.That(digest.TextBody, Is.EqualTo("Subject news.member#0 | Subject news.member#1"));
        Assert.That(digest.MessageId, Does.Match("^<digest-20261103-[0-9a-f]{32}@tender-consortium.local>$"));
        Assert.That((await _node.Queries.ListDeliveriesAsync(OutboxStatus.Digested)).Count, Is.EqualTo(2));
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0), "composed once");
    }

    [Test]
    public async Task A_day_of_more_held_mails_than_one_statement_takes_goes_whole_into_each_digest_in_order()
    {
        // Held rows as the dispatcher leaves them, interleaved between two recipients, more than the digest takes per slice.
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            for (var i = 0; i < 1203; i++)
            {
                var recipient = i % 3 == 0 ? "few@example.org" : "many@example.org";
                var mail = new OutgoingMail($"<held-{i}@test>", recipient, $"n{i}", $"Text {i}");
                db.Outbox.Add(new OutboxRecord
                {
                    Type = OutboxMessageTypes.Email, MessageId = mail.MessageId, Event = $"news.member#{i}", Recipient = recipient, Subject = mail.Subject,
                    Payload = JsonSerializer.Serialize(mail), Status = OutboxStatus.Held, CreatedAt = _node.Clock.GetUtcNow().AddSeconds(i), NextAttemptAt = NextDigest,
                });
            }

            await db.SaveChangesAsync();
        }

        _node.Clock.Advance(NextDigest - _node.Clock.GetUtcNow());
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(2), "one digest per recipient");
        var digests = _transport.Delivered.ToDictionary(m => m.To);
        Assert.Multiple(async () =>
        {
            Assert.That(digests["few@example.org"].Subject, Is.EqualTo("Digest for 2026-11-03: 401"));
            Assert.That(digests["many@example.org"].Subject, Is.EqualTo("Digest for 2026-11-03: 802"));
            Assert.That(digests["many@example.org"].TextBody.Split(" | "), Is.EqualTo(Enumerable.Range(0, 1203).Where(i => i % 3 != 0).Select(i => $"n{i}")));
            Assert.That((await _node.Queries.ListDeliveriesAsync(OutboxStatus.Digested, take: 2000)).Count, Is.EqualTo(1203));
            Assert.That(await _node.Queries.ListDeliveriesAsync(OutboxStatus.Held), Is.Empty);
        });
    }

    [Test]
    public async Task Turning_the_digest_off_releases_what_was_held()
    {
        await Preferences.SetDigestAsync("daily@example.org", true);
        await EnqueueAsync("news.member#0", "daily@example.org");
        await _node.Dispatcher.DispatchOnceAsync();
        Assert.That(_transport.Delivered, Is.Empty);

        await Preferences.SetDigestAsync("daily@example.org", false);
        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        Assert.That(_transport.Delivered.Single().Subject, Is.EqualTo("Subject news.member#0"));
    }

    [Test]
    public void The_digest_time_is_local_time_across_summer_time()
    {
        var schedule = DigestSchedule.From(new OutboxOptions());
        Assert.That(schedule.NextAfter(new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero)), Is.EqualTo(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero)), "08:00 BST");
        Assert.That(schedule.NextAfter(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)), Is.EqualTo(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero)), "strictly after");
        Assert.That(schedule.DayOf(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)), Is.EqualTo(new DateOnly(2026, 7, 2)));
    }

    /// <summary>A host's digest: "news" waits, anything else goes at once.</summary>
    private sealed class NewsDigest : IMailDigest
    {
        public bool CanWait(string eventKey) => eventKey.StartsWith("news.", StringComparison.Ordinal);

        public OutgoingMail Compose(string messageId, string recipient, DateOnly day, IReadOnlyList<HeldMail> held) =>
            new(messageId, recipient, $"Digest for {day:yyyy-MM-dd}: {held.Count}", string.Join(" | ", held.Select(h => h.Mail.Subject)));
    }
}
