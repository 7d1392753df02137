using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// The signal log (issue 17) on a database of the schema before it: every signal is kept whole and numbered in the
/// order it was received, every key it was accepted under still answers a retry as a duplicate, and a signal kept
/// before the upgrade is applied after it, by its new number, after the signal that found its bookmark first.
/// </summary>
public sealed class SignalLogMigrationTests
{
    private const string Before = "20261207000000_ChainedJournal";
    private const string First = "11111111-0000-0000-0000-000000000001";
    private const string Second = "22222222-0000-0000-0000-000000000002";

    [Test]
    public Task Sqlite_signals_and_their_keys_survive_the_migration() => RuntimeDatabases.OnSqliteAsync(MigratesAsync);

    [Test]
    public Task Postgres_signals_and_their_keys_survive_the_migration() => RuntimeDatabases.OnPostgresAsync(MigratesAsync);

    private static async Task MigratesAsync(string connection)
    {
        // The first instance waits on step/k and has one signal kept for it (received while another node held it); the
        // second has one applied. Rows as that release wrote them, inserted out of order of reception.
        const string waiting = """{"waiting":{"wait":{"bookmarks":[{"name":"step","key":"k"}]}}}""";
        await RuntimeDatabases.MigrateToAsync(connection, Before, $$"""
            INSERT INTO wf_instances (id, definition_id, definition_version, status, created_at, updated_at, pending_signals, state)
            VALUES ('{{First}}', 'loop', 1, 'Suspended', 10, 20, 1, '{{waiting}}'),
                   ('{{Second}}', 'loop', 1, 'Suspended', 11, 21, 0, '{{waiting}}');
            INSERT INTO wf_bookmarks (instance_id, name, key, activity_id, created_at)
            VALUES ('{{First}}', 'step', 'k', 'wait', 12), ('{{Second}}', 'step', 'k', 'wait', 13);
            INSERT INTO wf_signals (instance_id, idempotency_key, bookmark, key, payload, actor, received_at, status, applied_at)
            VALUES ('{{First}}', 'kept', 'step', 'k', '{"n":2}', 'member@example.org', 50, 'Pending', NULL),
                   ('{{First}}', 'old-1', 'step', 'k', '{"n":1}', 'lead@example.org', 40, 'Applied', 41),
                   ('{{Second}}', 'old-2', 'step', 'k', NULL, NULL, 45, 'Applied', 46);
            """);

        await WorkflowDatabase.MigrateAsync(connection);

        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            var signals = await db.Signals.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
            var keys = await db.SignalKeys.AsNoTracking().ToListAsync();
            Assert.Multiple(() =>
            {
                Assert.That(signals.Select(s => (s.Id, s.IdempotencyKey, s.Status, s.Payload, s.Actor, s.ReceivedAt.UtcTicks)), Is.EqualTo(new[]
                {
                    (1L, "old-1", SignalStatus.Applied, (string?)"{\"n\":1}", (string?)"lead@example.org", 40L),
                    (2L, "old-2", SignalStatus.Applied, null, null, 45L),
                    (3L, "kept", SignalStatus.Pending, "{\"n\":2}", "member@example.org", 50L),
                }));
                Assert.That(keys.Select(k => (k.InstanceId.ToString(), k.IdempotencyKey)),
                    Is.EquivalentTo(new[] { (First, "kept"), (First, "old-1"), (Second, "old-2") }));
            });
        }

        await using var provider = await RuntimeDatabases.RuntimeAsync(connection, RuntimeDatabases.Loop);
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        var first = Guid.Parse(First);
        var second = Guid.Parse(Second);
        Assert.Multiple(async () =>
        {
            Assert.That((await runtime.ResumeAsync(first, "step", "k", new JsonObject(), "old-1")).Status, Is.EqualTo(ResumeStatus.Duplicate));
            Assert.That((await runtime.ResumeAsync(first, "step", "k", new JsonObject(), "kept")).Status, Is.EqualTo(ResumeStatus.Duplicate));
            Assert.That((await runtime.ResumeAsync(second, "step", "k", new JsonObject(), "old-2")).Status, Is.EqualTo(ResumeStatus.Duplicate));
            Assert.That((await runtime.ResumeAsync(second, "step", "k", new JsonObject(), "old-1")).Status, Is.EqualTo(ResumeStatus.Applied),
                "the first instance's key is not the second's");
        });

        // A new signal finds the bookmark; the loop arms it again, and the kept one is applied in the same call.
        Assert.That((await runtime.ResumeAsync(first, "step", "k", new JsonObject { ["n"] = 3 }, "new")).Status, Is.EqualTo(ResumeStatus.Applied));
        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            var mine = await db.Signals.AsNoTracking().Where(s => s.InstanceId == first).OrderBy(s => s.Id).ToListAsync();
            var pending = await db.Instances.AsNoTracking().Where(i => i.Id == first).Select(i => i.PendingSignals).SingleAsync();
            Assert.Multiple(() =>
            {
                Assert.That(mine.Select(s => (s.IdempotencyKey, s.Status)), Is.EqualTo(new[]
                {
                    ("old-1", SignalStatus.Applied), ("kept", SignalStatus.Applied), ("new", SignalStatus.Applied),
                }));
                Assert.That(mine[^1].Id, Is.GreaterThan(3L), "numbered after the migrated signals");
                Assert.That(pending, Is.Zero);
            });
        }

        var journal = await provider.GetRequiredService<WorkflowQueries>().GetJournalAsync(first);
        Assert.That(journal.Where(j => j.Kind == JournalKinds.Resumed).Select(j => j.Detail), Is.EqualTo(new[] { "step/k (new)", "step/k (kept)" }));
    }
}
