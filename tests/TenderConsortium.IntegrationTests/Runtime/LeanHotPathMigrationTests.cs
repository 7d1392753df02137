using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// The lean hot-path migration on databases made by the schema before it, with rows in every table it rebuilds: no
/// row is lost, the journal reads back entry by entry in its old order, and new bursts are journalled after them.
/// </summary>
public sealed class LeanHotPathMigrationTests
{
    private const string Instance = "11111111-2222-3333-4444-555555555555";
    private const string Before = "20261201000000_MailPreferences";

    [Test]
    public Task Sqlite_rows_survive_the_migration() => RuntimeDatabases.OnSqliteAsync(MigratesWithRowsAsync);

    [Test]
    public Task Postgres_rows_survive_the_migration() => RuntimeDatabases.OnPostgresAsync(MigratesWithRowsAsync);

    private static async Task MigratesWithRowsAsync(string connection)
    {
        await RuntimeDatabases.MigrateToAsync(connection, Before, $$"""
            INSERT INTO wf_instances (id, definition_id, definition_version, status, created_at, updated_at, pending_signals, state)
            VALUES ('{{Instance}}', 'approval', 1, 'Suspended', 10, 20, 1, '{}');
            INSERT INTO wf_bookmarks (id, instance_id, activity_id, name, key, created_at)
            VALUES ('A0000000-0000-0000-0000-000000000001', '{{Instance}}', 'wait', 'approval', 'lead', 30),
                   ('A0000000-0000-0000-0000-000000000002', '{{Instance}}', 'wait', 'approval', 'member', 31);
            INSERT INTO wf_signals (id, instance_id, bookmark, key, payload, idempotency_key, actor, received_at, status, applied_at)
            VALUES ('B0000000-0000-0000-0000-000000000001', '{{Instance}}', 'approval', 'lead', '{"decision":"approve"}', 'first', 'lead@example.org', 40, 'Applied', 41),
                   ('B0000000-0000-0000-0000-000000000002', '{{Instance}}', 'extend', 'lead', NULL, 'early', NULL, 42, 'Pending', NULL);
            INSERT INTO wf_timers (id, instance_id, activity_id, tag, due_at, status)
            VALUES ('C0000000-0000-0000-0000-000000000001', '{{Instance}}', 'wait', 'timeout', 50, 'Pending');
            INSERT INTO wf_journal (instance_id, at, kind, activity_id, actor, node, detail)
            VALUES ('{{Instance}}', 60, 'InstanceStarted', NULL, 'lead@example.org', 'node-1', 'approval v1'),
                   ('{{Instance}}', 60, 'ActivityStarted', 'wait', NULL, 'node-1', 'Wait for approval'),
                   ('{{Instance}}', 61, 'ActivitySuspended', 'wait', NULL, 'node-1', 'bookmark approval/lead');
            INSERT INTO wf_outbox (id, instance_id, message_id, event, recipient, subject, message, status, attempts, created_at, next_attempt_at)
            VALUES ('D0000000-0000-0000-0000-000000000001', '{{Instance}}', '<m1@example.org>', 'invite#1', 'member@example.org', 'Invitation', '{}', 'Pending', 0, 70, 70);
            """);

        await WorkflowDatabase.MigrateAsync(connection);

        var id = Guid.Parse(Instance);
        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            var bookmarks = await db.Bookmarks.AsNoTracking().OrderBy(b => b.Key).ToListAsync();
            var signals = await db.Signals.AsNoTracking().OrderBy(s => s.ReceivedAt).ToListAsync();
            var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id).ToListAsync();
            var outbox = await db.Outbox.AsNoTracking().SingleAsync();
            var timer = await db.Timers.AsNoTracking().SingleAsync();
            Assert.Multiple(() =>
            {
                Assert.That(bookmarks.Select(b => (b.InstanceId, b.Name, b.Key, b.ActivityId)),
                    Is.EqualTo(new[] { (id, "approval", "lead", "wait"), (id, "approval", "member", "wait") }));
                Assert.That(signals.Select(s => (s.IdempotencyKey, s.Bookmark, s.Status, s.Payload, s.Actor)), Is.EqualTo(new[]
                {
                    ("first", "approval", SignalStatus.Applied, (string?)"{\"decision\":\"approve\"}", (string?)"lead@example.org"),
                    ("early", "extend", SignalStatus.Pending, null, null),
                }));
                Assert.That(journal.Select(j => (j.Kind, j.ActivityId, j.Actor, j.Node, j.Detail, j.At.UtcTicks)), Is.EqualTo(new[]
                {
                    ("InstanceStarted", (string?)null, (string?)"lead@example.org", (string?)"node-1", (string?)"approval v1", 60L),
                    ("ActivityStarted", "wait", null, "node-1", "Wait for approval", 60L),
                    ("ActivitySuspended", "wait", null, "node-1", "bookmark approval/lead", 61L),
                }));
                // The TypedOutbox migration after this one numbers the rows (their Guid key is gone) and types them.
                Assert.That((outbox.Id, outbox.Type, outbox.MessageId, outbox.Status, outbox.Payload), Is.EqualTo((1L, "email", "<m1@example.org>", "Pending", "{}")));
                Assert.That((timer.Tag, timer.Status, timer.DueAt.UtcTicks), Is.EqualTo(("timeout", TimerStatus.Pending, 50L)));
            });
        }

        // The runtime journals on the migrated database after the old entries (PostgreSQL's identity moved past them).
        await using var provider = await RuntimeDatabases.RuntimeAsync(connection, """
            { "id": "one-step", "name": "One step", "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "to": "end" } ] }
            """);
        var started = await provider.GetRequiredService<WorkflowRuntime>().StartAsync("one-step");
        var queries = provider.GetRequiredService<WorkflowQueries>();
        var oldLast = (await queries.GetJournalAsync(id)).Max(j => j.Id);
        var fresh = await queries.GetJournalAsync(started.InstanceId);
        Assert.That(fresh, Is.Not.Empty);
        Assert.That(fresh.Min(j => j.Id), Is.GreaterThan(oldLast));
        Assert.That(fresh.Select(j => j.Id), Is.Ordered.Ascending.And.Unique);
    }

    /// <summary>
    /// What the migrations build equals what the model describes, table by table: columns (type, nullability, key
    /// position) and indexes (columns, uniqueness, partial or not). The journal's view is the migrations' alone.
    /// </summary>
    [Test]
    public async Task Sqlite_migrations_build_the_model()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var migrated = Path.Combine(folder, "migrated");
            var created = Path.Combine(folder, "created");
            await WorkflowDatabase.MigrateAsync(DatabaseConnection.ForDataFolder(migrated));
            Directory.CreateDirectory(created);
            await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(DatabaseConnection.ForDataFolder(created))))
                await db.Database.EnsureCreatedAsync();

            var fromMigrations = await DescribeAsync(Path.Combine(migrated, "tender.db"));
            var fromModel = await DescribeAsync(Path.Combine(created, "tender.db"));
            Assert.That(fromMigrations.Keys.Where(t => t != "__workflow_migrations"), Is.EquivalentTo(fromModel.Keys));
            foreach (var (table, shape) in fromModel)
                Assert.That(fromMigrations[table], Is.EqualTo(shape), table);

            await using var raw = new SqliteConnection(DatabaseConnection.ForDataFolder(migrated));
            await raw.OpenAsync();
            Assert.That(await ScalarAsync(raw, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'wf_journal'"), Is.EqualTo(1L));
            Assert.That(await ScalarAsync(raw, "SELECT count(*) FROM sqlite_master WHERE name IN ('wf_bookmarks', 'wf_signal_keys') AND sql LIKE '%WITHOUT ROWID'"), Is.EqualTo(2L));
            Assert.That(await ScalarAsync(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'wf_signals' AND sql LIKE '%WITHOUT ROWID'"), Is.EqualTo(0L), "the signals are a log");
            Assert.That(await ScalarAsync(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'wf_journal_bursts' AND sql LIKE '%AUTOINCREMENT%'"), Is.EqualTo(0L));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Dictionary<string, string>> DescribeAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'wf%' OR name = '__workflow_migrations' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        var result = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var columns = await RowsAsync(connection, $"SELECT name, upper(type), \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY name");
            var indexes = new List<string>();
            foreach (var index in await RowsAsync(connection, $"SELECT name, \"unique\", partial, origin FROM pragma_index_list('{table}')"))
            {
                var name = index.Split('|')[0];
                var keyColumns = string.Join(",", await RowsAsync(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"));
                // Index names differ (the model does not name every one); what an index holds does not.
                indexes.Add($"{keyColumns} unique={index.Split('|')[1]} partial={index.Split('|')[2]} origin={index.Split('|')[3]}");
            }

            indexes.Sort(StringComparer.Ordinal);
            result[table] = string.Join("\n", columns) + "\n--\n" + string.Join("\n", indexes);
        }

        return result;
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
