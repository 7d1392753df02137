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
/// The journal chain (issue 17): on a database of the schema before it, the bursts of instances journalled in turns are
/// linked in order per instance and each instance points at its latest, so every journal reads back whole and in order
/// without the index; bursts written afterwards, by instances resumed in turns, continue their own instance's chain.
/// </summary>
public sealed class ChainedJournalMigrationTests
{
    private const string Before = "20261205020000_TypedOutbox";
    private const string First = "11111111-0000-0000-0000-000000000001";
    private const string Second = "22222222-0000-0000-0000-000000000002";
    private const string Quiet = "33333333-0000-0000-0000-000000000003";

    [Test]
    public Task Sqlite_journals_are_chained_per_instance() => RuntimeDatabases.OnSqliteAsync(ChainsAsync);

    [Test]
    public Task Postgres_journals_are_chained_per_instance() => RuntimeDatabases.OnPostgresAsync(ChainsAsync);

    private static async Task ChainsAsync(string connection)
    {
        // Two instances journalled in turns (bursts 1, 3 and 4 are the first's), a third that never journalled.
        await RuntimeDatabases.MigrateToAsync(connection, Before, $$"""
            INSERT INTO wf_instances (id, definition_id, definition_version, status, created_at, updated_at, pending_signals, state)
            VALUES ('{{First}}', 'approval', 1, 'Suspended', 10, 20, 0, '{}'),
                   ('{{Second}}', 'approval', 1, 'Suspended', 11, 21, 0, '{}'),
                   ('{{Quiet}}', 'approval', 1, 'Running', 12, 22, 0, '{}');
            INSERT INTO wf_journal_bursts (id, instance_id, at, node, entries)
            VALUES (1, '{{First}}', 60, 'node-1', '[{"kind":"InstanceStarted","actor":"lead@example.org","detail":"approval v1"},{"kind":"ActivityStarted","activity":"wait"}]'),
                   (2, '{{Second}}', 61, 'node-1', '[{"kind":"InstanceStarted"}]'),
                   (3, '{{First}}', 62, 'node-2', '[{"kind":"Resumed","activity":"wait","detail":"approval/lead (a)"}]'),
                   (4, '{{First}}', 63, 'node-2', '[{"kind":"ActivityCompleted","activity":"wait"},{"kind":"InstanceFinished"}]'),
                   (5, '{{Second}}', 64, 'node-1', '[{"kind":"Resumed","activity":"wait"}]');
            """ + (DatabaseConnection.IsPostgres(connection)
                // As that release's identity would stand after writing these five itself.
                ? "SELECT setval(pg_get_serial_sequence('wf_journal_bursts', 'id'), 5);"
                : ""));

        await WorkflowDatabase.MigrateAsync(connection);

        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            var links = await db.JournalBursts.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.PreviousId }).ToListAsync();
            var heads = await db.Instances.AsNoTracking().OrderBy(i => i.CreatedAt).Select(i => i.JournalHead).ToListAsync();
            Assert.Multiple(() =>
            {
                Assert.That(links.Select(l => (l.Id, l.PreviousId)), Is.EqualTo(new[] { (1L, (long?)null), (2L, null), (3L, 1L), (4L, 3L), (5L, 2L) }));
                Assert.That(heads, Is.EqualTo(new long?[] { 4, 5, null }));
            });
        }

        await using var provider = await RuntimeDatabases.RuntimeAsync(connection, RuntimeDatabases.Loop);
        var queries = provider.GetRequiredService<WorkflowQueries>();
        var first = await queries.GetJournalAsync(Guid.Parse(First));
        const long perBurst = JournalBurstRecord.EntriesPerBurst;
        Assert.Multiple(async () =>
        {
            Assert.That(first.Select(j => (j.Id, j.Kind, j.ActivityId, j.Actor, j.Node, j.Detail, j.At.UtcTicks)), Is.EqualTo(new[]
            {
                (perBurst, "InstanceStarted", (string?)null, (string?)"lead@example.org", (string?)"node-1", (string?)"approval v1", 60L),
                (perBurst + 1, "ActivityStarted", "wait", null, "node-1", null, 60L),
                (3 * perBurst, "Resumed", "wait", null, "node-2", "approval/lead (a)", 62L),
                (4 * perBurst, "ActivityCompleted", "wait", null, "node-2", null, 63L),
                (4 * perBurst + 1, "InstanceFinished", null, null, "node-2", null, 63L),
            }));
            Assert.That((await queries.GetJournalAsync(Guid.Parse(First), afterId: 3 * perBurst)).Select(j => j.Id),
                Is.EqualTo(new[] { 4 * perBurst, 4 * perBurst + 1 }), "only what came after the entry asked for");
            Assert.That((await queries.GetJournalAsync(Guid.Parse(Second))).Select(j => j.Id), Is.EqualTo(new[] { 2 * perBurst, 5 * perBurst }));
            Assert.That(await queries.GetJournalAsync(Guid.Parse(Quiet)), Is.Empty);
            Assert.That(await queries.GetJournalAsync(Guid.NewGuid()), Is.Empty);
        });

        // New instances resumed in turns: each burst goes on its own instance's chain, after the migrated ones.
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        var a = (await runtime.StartAsync("loop")).InstanceId;
        var b = (await runtime.StartAsync("loop")).InstanceId;
        for (var n = 0; n < 3; n++)
        {
            foreach (var id in new[] { a, b })
            {
                var result = await runtime.ResumeAsync(id, "step", "k", new JsonObject(), $"{id}-{n}");
                Assert.That(result.Status, Is.EqualTo(ResumeStatus.Applied));
            }
        }

        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            foreach (var id in new[] { a, b })
            {
                var bursts = await db.JournalBursts.AsNoTracking().Where(x => x.InstanceId == id).OrderBy(x => x.Id).ToListAsync();
                var head = await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.JournalHead).SingleAsync();
                Assert.Multiple(() =>
                {
                    Assert.That(bursts, Has.Count.EqualTo(4), "the start and three resumes");
                    Assert.That(bursts[0].Id, Is.GreaterThan(5));
                    Assert.That(bursts.Select(x => x.PreviousId), Is.EqualTo(new long?[] { null }.Concat(bursts.SkipLast(1).Select(x => (long?)x.Id))));
                    Assert.That(head, Is.EqualTo(bursts[^1].Id));
                });
                var journal = await queries.GetJournalAsync(id);
                Assert.That(journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(3));
                Assert.That(journal.Select(j => j.Id), Is.Ordered.Ascending);
                Assert.That(journal[0].Kind, Is.EqualTo(JournalKinds.InstanceStarted));
            }
        }
    }
}
