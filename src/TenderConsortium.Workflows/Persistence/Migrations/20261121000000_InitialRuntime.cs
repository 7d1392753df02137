using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Workflows.Persistence.Migrations;

/// <summary>
/// The runtime's first schema. Written by hand and provider-neutral (no store types), so the same migration
/// creates the tables on SQLite and PostgreSQL. Shipped: never edit, add a new migration instead.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261121000000_InitialRuntime")]
public sealed class InitialRuntime : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "wf_definitions",
            columns: t => new
            {
                definition_id = t.Column<string>(nullable: false),
                version = t.Column<int>(nullable: false),
                hash = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                json = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wf_definitions", x => new { x.definition_id, x.version }));
        m.CreateIndex("ix_wf_definitions_definition_id_hash", "wf_definitions", ["definition_id", "hash"], unique: true);

        m.CreateTable(
            name: "wf_instances",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                definition_id = t.Column<string>(nullable: false),
                definition_version = t.Column<int>(nullable: false),
                status = t.Column<string>(nullable: false),
                stage = t.Column<string>(nullable: true),
                correlation_id = t.Column<string>(nullable: true),
                created_at = t.Column<long>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
                finished_at = t.Column<long>(nullable: true),
                next_due_at = t.Column<long>(nullable: true),
                incident = t.Column<string>(nullable: true),
                lease_owner = t.Column<string>(nullable: true),
                lease_expires_at = t.Column<long>(nullable: true),
                pending_signals = t.Column<int>(nullable: false),
                state = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wf_instances", x => x.id));
        m.CreateIndex("ix_wf_instances_status_updated_at", "wf_instances", ["status", "updated_at"]);
        m.CreateIndex("ix_wf_instances_correlation_id", "wf_instances", "correlation_id");
        m.CreateIndex("ix_wf_instances_lease_expires_at", "wf_instances", "lease_expires_at");

        m.CreateTable(
            name: "wf_bookmarks",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                instance_id = t.Column<Guid>(nullable: false),
                activity_id = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                key = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wf_bookmarks", x => x.id));
        m.CreateIndex("ix_wf_bookmarks_instance_id_name_key", "wf_bookmarks", ["instance_id", "name", "key"], unique: true);

        m.CreateTable(
            name: "wf_signals",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                instance_id = t.Column<Guid>(nullable: false),
                bookmark = t.Column<string>(nullable: false),
                key = t.Column<string>(nullable: false),
                payload = t.Column<string>(nullable: true),
                idempotency_key = t.Column<string>(nullable: false),
                actor = t.Column<string>(nullable: true),
                received_at = t.Column<long>(nullable: false),
                status = t.Column<string>(nullable: false),
                applied_at = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_wf_signals", x => x.id));
        m.CreateIndex("ix_wf_signals_instance_id_idempotency_key", "wf_signals", ["instance_id", "idempotency_key"], unique: true);
        m.CreateIndex("ix_wf_signals_instance_id_status", "wf_signals", ["instance_id", "status"]);

        m.CreateTable(
            name: "wf_timers",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                instance_id = t.Column<Guid>(nullable: false),
                activity_id = t.Column<string>(nullable: false),
                tag = t.Column<string>(nullable: false),
                due_at = t.Column<long>(nullable: false),
                status = t.Column<string>(nullable: false),
                fired_at = t.Column<long>(nullable: true),
                fired_by = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_wf_timers", x => x.id));
        m.CreateIndex("ix_wf_timers_status_due_at", "wf_timers", ["status", "due_at"]);
        m.CreateIndex("ix_wf_timers_instance_id", "wf_timers", "instance_id");

        m.CreateTable(
            name: "wf_journal",
            columns: t => new
            {
                id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                instance_id = t.Column<Guid>(nullable: false),
                at = t.Column<long>(nullable: false),
                kind = t.Column<string>(nullable: false),
                activity_id = t.Column<string>(nullable: true),
                actor = t.Column<string>(nullable: true),
                node = t.Column<string>(nullable: true),
                detail = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_wf_journal", x => x.id));
        m.CreateIndex("ix_wf_journal_instance_id_id", "wf_journal", ["instance_id", "id"]);

        m.CreateTable(
            name: "wf_outbox",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                instance_id = t.Column<Guid>(nullable: true),
                message_id = t.Column<string>(nullable: false),
                @event = t.Column<string>(name: "event", nullable: false),
                recipient = t.Column<string>(nullable: false),
                subject = t.Column<string>(nullable: false),
                message = t.Column<string>(nullable: false),
                status = t.Column<string>(nullable: false),
                attempts = t.Column<int>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                next_attempt_at = t.Column<long>(nullable: false),
                claimed_by = t.Column<string>(nullable: true),
                claim_token = t.Column<Guid>(nullable: true),
                claimed_until = t.Column<long>(nullable: true),
                sent_at = t.Column<long>(nullable: true),
                last_error = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_wf_outbox", x => x.id));
        m.CreateIndex("ix_wf_outbox_message_id", "wf_outbox", "message_id", unique: true);
        m.CreateIndex("ix_wf_outbox_status_next_attempt_at", "wf_outbox", ["status", "next_attempt_at"]);
        m.CreateIndex("ix_wf_outbox_instance_id", "wf_outbox", "instance_id");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "wf_outbox", "wf_journal", "wf_timers", "wf_signals", "wf_bookmarks", "wf_instances", "wf_definitions" })
            m.DropTable(table);
    }
}
