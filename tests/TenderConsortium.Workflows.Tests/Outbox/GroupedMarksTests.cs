using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Outbox;

/// <summary>
/// Delivered rows are marked Sent in groups (one commit for many). A group whose commit is lost (the node died, the
/// disk refused) leaves exactly the state a crash between the sends and that commit leaves: its rows are sent again,
/// with their Message-IDs, once the claim expires; rows of groups that committed are never sent again.
/// </summary>
public sealed class GroupedMarksTests
{
    private RuntimeHarness _node = null!;
    private ScriptedTransport _transport = null!;
    private readonly LoseMarks _lose = new();

    [SetUp]
    public async Task Start()
    {
        _transport = new ScriptedTransport();
        _node = await RuntimeHarness.StartAsync(configure: services =>
        {
            services.AddSingleton<IMailTransport>(_transport);
            services.Configure<OutboxOptions>(o =>
            {
                o.QuickRetries = 0;
                o.BatchSize = 100;
                o.Concurrency = 4;
                o.ClaimDuration = TimeSpan.FromMinutes(2);
            });
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _node.DeleteFolder();
    }

    [Test]
    public async Task A_batch_is_marked_in_fewer_commits_than_messages_and_every_row_is_sent_once()
    {
        var ids = await EnqueueAsync(60);
        var marks = 0;
        _lose.OnMark = () => Interlocked.Increment(ref marks);
        var dispatcher = Dispatcher();

        Assert.That(await dispatcher.DispatchOnceAsync(), Is.EqualTo(60));
        var rows = await RowsAsync(ids);
        Assert.That(rows.Values.Select(r => r.Status).Distinct(), Is.EqualTo(new[] { OutboxStatus.Sent }));
        Assert.That(rows.Values.Select(r => r.Attempts).Distinct(), Is.EqualTo(new[] { 1 }));
        Assert.That(_transport.Delivered.Select(m => m.MessageId), Is.Unique);
        Assert.That(marks, Is.InRange(1, 59), "fewer commits than messages");
    }

    [Test]
    public async Task A_lost_group_is_sent_again_after_the_claim_expires_and_committed_groups_are_not()
    {
        var ids = await EnqueueAsync(60);
        var marks = 0;
        _lose.OnMark = () =>
        {
            // The first group commits; every later one is lost, as if the node died before committing it.
            if (Interlocked.Increment(ref marks) > 1) throw new IOException("disk I/O error (the node stops here)");
        };
        Assert.CatchAsync(() => Dispatcher().DispatchOnceAsync());

        var afterCrash = await RowsAsync(ids);
        var durable = afterCrash.Where(r => r.Value.Status == OutboxStatus.Sent).Select(r => r.Value.MessageId).ToHashSet();
        var lost = afterCrash.Where(r => r.Value.Status == OutboxStatus.Pending).Select(r => r.Value.MessageId).ToHashSet();
        var deliveredBefore = _transport.Delivered.Select(m => m.MessageId).ToList();
        Assert.That(durable, Is.Not.Empty, "a group committed before the loss");
        Assert.That(lost.Intersect(deliveredBefore), Is.Not.Empty, "some delivered rows were not marked");
        Assert.That(durable.Count + lost.Count, Is.EqualTo(60));

        // Another node once the claim has expired; the disk works again.
        _lose.OnMark = null;
        Assert.That(await Dispatcher().DispatchOnceAsync(), Is.EqualTo(0), "the claim still holds");
        _node.Clock.Advance(TimeSpan.FromMinutes(3));
        while (await Dispatcher().DispatchOnceAsync() > 0) { }

        var final = await RowsAsync(ids);
        var sends = _transport.Delivered.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(final.Values.Select(r => r.Status).Distinct(), Is.EqualTo(new[] { OutboxStatus.Sent }), "none lost");
            Assert.That(durable.Select(m => sends[m]).Distinct(), Is.EqualTo(new[] { 1 }), "a row marked Sent is never sent again");
            Assert.That(lost.All(m => sends.GetValueOrDefault(m) >= 1), "every unmarked row is delivered (again if it had been)");
            Assert.That(sends.Values.Max(), Is.LessThanOrEqualTo(2), "at most one repeat, with the same Message-ID");
        });
    }

    /// <summary>A dispatcher reading and writing through the interceptor, as a node's would.</summary>
    private OutboxDispatcher Dispatcher()
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>(WorkflowDatabase.Options(_node.ConnectionString)).AddInterceptors(_lose).Options;
        return ActivatorUtilities.CreateInstance<OutboxDispatcher>(_node.Services, new Factory(options));
    }

    private async Task<List<long>> EnqueueAsync(int count)
    {
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = _node.Clock.GetUtcNow();
        var rows = new List<OutboxRecord>();
        for (var i = 0; i < count; i++)
        {
            var mail = new OutgoingMail($"<m{i}@test>", $"member{i}@example.org", $"Invitation {i}", "Body.\n");
            rows.Add(new OutboxRecord
            {
                Type = OutboxMessageTypes.Email, MessageId = mail.MessageId, Event = $"invitation#{i}", Recipient = mail.To, Subject = mail.Subject,
                Payload = JsonSerializer.Serialize(mail), Status = OutboxStatus.Pending, CreatedAt = now.AddTicks(i), NextAttemptAt = now,
            });
        }

        db.Outbox.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private async Task<Dictionary<long, OutboxRecord>> RowsAsync(List<long> ids)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(_node.ConnectionString));
        return await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
    }

    private sealed class Factory(DbContextOptions<WorkflowDbContext> options) : IDbContextFactory<WorkflowDbContext>
    {
        public WorkflowDbContext CreateDbContext() => new(options);
    }

    /// <summary>Sees each statement that marks rows Sent before it runs; <see cref="OnMark"/> may throw to lose it.</summary>
    private sealed class LoseMarks : DbCommandInterceptor
    {
        public Action? OnMark { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var sql = command.CommandText;
            if (sql.StartsWith("UPDATE", StringComparison.Ordinal) && sql.Contains("wf_outbox", StringComparison.Ordinal) && sql.Contains("sent_at", StringComparison.Ordinal))
                OnMark?.Invoke();
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
