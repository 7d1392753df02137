using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Workflows.Persistence.Migrations;

/// <summary>
/// The hot path's lean schema (issue 17). A resume touched 18 B-trees and wrote about 23 pages; this brings it near one
/// page per table it must write:
/// <list type="bullet">
/// <item>bookmarks and signals keyed by what they are looked up by, <c>WITHOUT ROWID</c> on SQLite (no random-Guid key
/// index beside the table);</item>
/// <item>partial indexes holding only rows still waiting (pending signals, pending timers, mail not yet sent);</item>
/// <item>the journal as one row per burst (<c>wf_journal_bursts</c>, no AUTOINCREMENT), read entry by entry through a
/// view with the old table's name and columns, so readers and ids keep their order;</item>
/// <item>the outbox keyed by its Guid alone (<c>WITHOUT ROWID</c> on SQLite, no second key index), now time-ordered
/// (version 7) so that rows are appended at the right edge like a rowid; its waiting-mail index partial;</item>
/// <item>instances listed by (status, created_at), which a resume never changes, instead of (status, updated_at), which
/// it always did; the sweeper's instances with kept signals in a partial index.</item>
/// </list>
/// Existing rows are copied, none lost. SQLite needs table rebuilds (a table's key cannot be altered there); PostgreSQL
/// alters in place. Shipped: never edit, add a new migration instead.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261203000000_LeanHotPath")]
public sealed class LeanHotPath : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        if (m.IsSqlite()) RekeySqlite(m);
        else RekeyPostgres(m);

        m.CreateIndex("ix_wf_signals_pending", "wf_signals", ["instance_id", "received_at"], filter: WorkflowDbContext.PendingSignals);
        m.DropIndex("ix_wf_timers_status_due_at", "wf_timers");
        // Lists are newest first by creation, which never changes; updated_at changed on every resume and moved the entry.
        m.DropIndex("ix_wf_instances_status_updated_at", "wf_instances");
        m.CreateIndex("ix_wf_instances_status_created_at", "wf_instances", ["status", "created_at"]);
        m.CreateIndex("ix_wf_instances_kept_signals", "wf_instances", "updated_at", filter: WorkflowDbContext.KeptSignals);
        m.CreateIndex("ix_wf_timers_pending_due_at", "wf_timers", "due_at", filter: WorkflowDbContext.PendingTimers);
        m.CreateIndex("ix_wf_outbox_waiting", "wf_outbox", ["status", "next_attempt_at"], filter: WorkflowDbContext.WaitingMail);

        m.CreateTable(
            name: "wf_journal_bursts",
            columns: t => new
            {
                id = t.Column<long>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                instance_id = t.Column<Guid>(nullable: false),
                at = t.Column<long>(nullable: false),
                node = t.Column<string>(nullable: true),
                entries = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wf_journal_bursts", x => x.id));
        if (m.IsSqlite())
        {
            // Each old entry becomes a burst of one under its old id, so entry ids (id × 2^20) keep their order.
            m.Sql("""
                INSERT INTO wf_journal_bursts (id, instance_id, at, node, entries)
                SELECT id, instance_id, at, node, json_array(json_object('kind', kind, 'activity', activity_id, 'actor', actor, 'detail', detail))
                FROM wf_journal;
                """);
            m.DropTable("wf_journal");
            m.Sql($"""
                CREATE VIEW wf_journal AS
                SELECT b.id * {JournalBurstRecord.EntriesPerBurst} + e.key AS id, b.instance_id AS instance_id, b.at AS at,
                       json_extract(e.value, '$.kind') AS kind, json_extract(e.value, '$.activity') AS activity_id,
                       json_extract(e.value, '$.actor') AS actor, b.node AS node, json_extract(e.value, '$.detail') AS detail
                FROM wf_journal_bursts AS b, json_each(b.entries) AS e;
                """);
        }
        else
        {
            m.Sql("""
                INSERT INTO wf_journal_bursts (id, instance_id, at, node, entries)
                SELECT id, instance_id, at, node, json_build_array(json_build_object('kind', kind, 'activity', activity_id, 'actor', actor, 'detail', detail))::text
                FROM wf_journal;
                SELECT setval(pg_get_serial_sequence('wf_journal_bursts', 'id'), COALESCE((SELECT MAX(id) FROM wf_journal_bursts), 0) + 1, false);
                """);
            m.DropTable("wf_journal");
            m.Sql($"""
                CREATE VIEW wf_journal AS
                SELECT b.id * {JournalBurstRecord.EntriesPerBurst} + e.n - 1 AS id, b.instance_id AS instance_id, b.at AS at,
                       e.v ->> 'kind' AS kind, e.v ->> 'activity' AS activity_id, e.v ->> 'actor' AS actor, b.node AS node, e.v ->> 'detail' AS detail
                FROM wf_journal_bursts AS b CROSS JOIN LATERAL jsonb_array_elements(b.entries::jsonb) WITH ORDINALITY AS e(v, n);
                """);
        }

        m.CreateIndex("ix_wf_journal_bursts_instance_id_id", "wf_journal_bursts", ["instance_id", "id"]);
    }

    /// <summary>SQLite cannot change a table's key or make it WITHOUT ROWID in place: copy into a new table.</summary>
    private static void RekeySqlite(MigrationBuilder m)
    {
        m.Sql("""
            CREATE TABLE wf_bookmarks_lean (
                instance_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, activity_id TEXT NOT NULL, created_at INTEGER NOT NULL,
                CONSTRAINT pk_wf_bookmarks PRIMARY KEY (instance_id, name, key)) WITHOUT ROWID;
            INSERT INTO wf_bookmarks_lean (instance_id, name, key, activity_id, created_at)
            SELECT instance_id, name, key, activity_id, created_at FROM wf_bookmarks;
            DROP TABLE wf_bookmarks;
            ALTER TABLE wf_bookmarks_lean RENAME TO wf_bookmarks;

            CREATE TABLE wf_signals_lean (
                instance_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, bookmark TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NULL,
                actor TEXT NULL, received_at INTEGER NOT NULL, status TEXT NOT NULL, applied_at INTEGER NULL,
                CONSTRAINT pk_wf_signals PRIMARY KEY (instance_id, idempotency_key)) WITHOUT ROWID;
            INSERT INTO wf_signals_lean (instance_id, idempotency_key, bookmark, key, payload, actor, received_at, status, applied_at)
            SELECT instance_id, idempotency_key, bookmark, key, payload, actor, received_at, status, applied_at FROM wf_signals;
            DROP TABLE wf_signals;
            ALTER TABLE wf_signals_lean RENAME TO wf_signals;

            CREATE TABLE wf_outbox_lean (
                id TEXT NOT NULL, instance_id TEXT NULL, message_id TEXT NOT NULL, event TEXT NOT NULL, recipient TEXT NOT NULL,
                subject TEXT NOT NULL, message TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, created_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL, claimed_by TEXT NULL, claim_token TEXT NULL, claimed_until INTEGER NULL, sent_at INTEGER NULL,
                last_error TEXT NULL,
                CONSTRAINT pk_wf_outbox PRIMARY KEY (id)) WITHOUT ROWID;
            INSERT INTO wf_outbox_lean (id, instance_id, message_id, event, recipient, subject, message, status, attempts, created_at,
                next_attempt_at, claimed_by, claim_token, claimed_until, sent_at, last_error)
            SELECT id, instance_id, message_id, event, recipient, subject, message, status, attempts, created_at,
                next_attempt_at, claimed_by, claim_token, claimed_until, sent_at, last_error FROM wf_outbox;
            DROP TABLE wf_outbox;
            ALTER TABLE wf_outbox_lean RENAME TO wf_outbox;
            CREATE UNIQUE INDEX ix_wf_outbox_message_id ON wf_outbox (message_id);
            CREATE INDEX ix_wf_outbox_instance_id ON wf_outbox (instance_id);
            """);
    }

    private static void RekeyPostgres(MigrationBuilder m)
    {
        m.DropIndex("ix_wf_outbox_status_next_attempt_at", "wf_outbox");

        m.DropPrimaryKey("pk_wf_bookmarks", "wf_bookmarks");
        m.DropIndex("ix_wf_bookmarks_instance_id_name_key", "wf_bookmarks");
        m.DropColumn("id", "wf_bookmarks");
        m.AddPrimaryKey("pk_wf_bookmarks", "wf_bookmarks", ["instance_id", "name", "key"]);

        m.DropPrimaryKey("pk_wf_signals", "wf_signals");
        m.DropIndex("ix_wf_signals_instance_id_idempotency_key", "wf_signals");
        m.DropIndex("ix_wf_signals_instance_id_status", "wf_signals");
        m.DropColumn("id", "wf_signals");
        m.AddPrimaryKey("pk_wf_signals", "wf_signals", ["instance_id", "idempotency_key"]);
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("The lean hot-path schema is not undone; restore a backup taken before upgrading instead.");
}
