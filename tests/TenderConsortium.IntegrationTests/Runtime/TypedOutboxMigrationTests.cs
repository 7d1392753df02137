using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// The typed outbox migration on a database of the schema before it: every row kept with its columns, typed as an
/// email, its message as the payload, numbered in the order it was queued; rows queued afterwards number on from there
/// (PostgreSQL's identity moved past them).
/// </summary>
public sealed class TypedOutboxMigrationTests
{
    private const string Before = "20261203000000_LeanHotPath";
    private const string Instance = "11111111-2222-3333-4444-555555555555";

    [Test]
    public Task Sqlite_outbox_rows_survive_typed_and_numbered() => RuntimeDatabases.OnSqliteAsync(MigratesWithRowsAsync);

    [Test]
    public Task Postgres_outbox_rows_survive_typed_and_numbered() => RuntimeDatabases.OnPostgresAsync(MigratesWithRowsAsync);

    private static async Task MigratesWithRowsAsync(string connection)
    {
        // Guid order differs from queueing order on purpose: the numbers must follow created_at.
        await RuntimeDatabases.MigrateToAsync(connection, Before, $$"""
            INSERT INTO wf_outbox (id, instance_id, message_id, event, recipient, subject, message, status, attempts, created_at, next_attempt_at,
                claimed_by, claim_token, claimed_until, sent_at, last_error)
            VALUES ('F0000000-0000-0000-0000-000000000001', '{{Instance}}', '<late@example.org>', 'invite#1', 'b@example.org', 'Second', '{"n":2}', 'Failed', 8, 80, 90,
                    'node-1', NULL, NULL, NULL, '550 mailbox unavailable'),
                   ('A0000000-0000-0000-0000-000000000002', '{{Instance}}', '<early@example.org>', 'invite#0', 'a@example.org', 'First', '{"n":1}', 'Sent', 1, 70, 70,
                    'node-1', 'C0000000-0000-0000-0000-000000000003', NULL, 75, NULL),
                   ('00000000-0000-0000-0000-000000000003', NULL, '<digest@example.org>', 'digest:2026-12-01', 'c@example.org', 'Digest', '{"n":3}', 'Pending', 0, 95, 95,
                    NULL, NULL, NULL, NULL, NULL);
            """);

        await WorkflowDatabase.MigrateAsync(connection);

        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            var rows = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
            Assert.That(rows.Select(o => (o.Id, o.Type, o.MessageId, o.Subject, o.Payload, o.Status, o.Attempts, o.CreatedAt.UtcTicks)), Is.EqualTo(new[]
            {
                (1L, "email", "<early@example.org>", "First", "{\"n\":1}", "Sent", 1, 70L),
                (2L, "email", "<late@example.org>", "Second", "{\"n\":2}", "Failed", 8, 80L),
                (3L, "email", "<digest@example.org>", "Digest", "{\"n\":3}", "Pending", 0, 95L),
            }));
            Assert.Multiple(() =>
            {
                Assert.That(rows[0].InstanceId, Is.EqualTo(Guid.Parse(Instance)));
                Assert.That(rows[0].ClaimToken, Is.EqualTo(Guid.Parse("C0000000-0000-0000-0000-000000000003")));
                Assert.That(rows[0].SentAt?.UtcTicks, Is.EqualTo(75L));
                Assert.That(rows[1].LastError, Is.EqualTo("550 mailbox unavailable"));
                Assert.That(rows[1].NextAttemptAt.UtcTicks, Is.EqualTo(90L));
                Assert.That(rows[2].InstanceId, Is.Null);
            });
        }

        // A burst queues after the old rows, under the next number.
        await using var provider = await RuntimeDatabases.RuntimeAsync(connection, """
            { "id": "one-mail", "name": "One mail", "activities": [ { "id": "start", "type": "Start" },
              { "id": "mail", "type": "SendEmail", "properties": { "to": ["d@example.org"], "subject": "Hello", "body": "Hello." } } ],
              "connections": [ { "from": "start", "to": "mail" } ] }
            """);
        var started = await provider.GetRequiredService<WorkflowRuntime>().StartAsync("one-mail");
        var fresh = await provider.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: started.InstanceId);
        Assert.That(fresh.Select(o => (o.Id, o.Type, o.Recipient)), Is.EqualTo(new[] { (4L, OutboxMessageTypes.Email, "d@example.org") }));
    }
}
