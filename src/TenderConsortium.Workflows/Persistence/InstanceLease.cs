using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Takes an instance's lease and reads its row in one statement, and answers in the same round trip whether a signal
/// with the caller's idempotency key was already accepted. Every start of work on an instance did these as three EF
/// commands, each with more overhead in EF than in the database.
/// </summary>
internal static class InstanceLease
{
    /// <summary>The row as it is now, a copy of it as read (to write only what changes), and the duplicate answer.</summary>
    public readonly record struct Taken(InstanceRecord? Instance, InstanceRecord? Original, bool Duplicate);

    /// <summary>
    /// Inside the call's transaction: the row, or null when another node holds a live lease or there is no such
    /// instance. On PostgreSQL the lease is written (UPDATE … RETURNING), which also row-locks the instance until commit,
    /// so a second node waits and then sees the lease free again. On SQLite the write transaction is exclusive (BEGIN
    /// IMMEDIATE): the lease is only read, so that a live lease of another process is respected, and never written.
    /// <c>Duplicate</c> is only meaningful when an idempotency key is given and the lease was taken: the keys are the
    /// instance's recorded ones and those still carried in its row (see <see cref="SignalKeyBuffer"/>).
    /// </summary>
    public static async Task<Taken> TakeAsync(WriteSession session, Guid instanceId, string node,
        DateTimeOffset now, DateTimeOffset until, string? idempotencyKey, CancellationToken ct)
    {
        var db = session.Metadata;
        var plan = Plans.GetValue(db.Model, _ => new Plan(db));
        if (session.Statements is { } prepared) return Read(prepared, plan, instanceId, node, now, idempotencyKey);
        var sql = plan.Lease;
        if (idempotencyKey is not null) sql += plan.Duplicate;
        (RelationalTypeMapping, object?)[] values = idempotencyKey is null
            ? [(plan.Id, instanceId), (plan.Text, node), (plan.Ticks, until), (plan.Ticks, now)]
            : [(plan.Id, instanceId), (plan.Text, node), (plan.Ticks, until), (plan.Ticks, now), (plan.Text, idempotencyKey)];

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        if (db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(values[i].Item1.CreateParameter(command, PreparedStatements.Name(i), values[i].Item2, nullable: true));
        InstanceRecord? instance = null;
        var duplicate = false;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct)) instance = Read(reader);
            if (idempotencyKey is not null && await reader.NextResultAsync(ct) && await reader.ReadAsync(ct))
                duplicate = reader.GetInt64(0) != 0;
        }

        if (idempotencyKey is not null && instance is not null) duplicate |= SignalKeyBuffer.Contains(instance.RecentSignalKeys, idempotencyKey);

        return new Taken(instance, instance is null ? null : Copy(instance), duplicate);
    }

    /// <summary>
    /// SQLite: the row and the duplicate answer through the writer's prepared statements (the write transaction is
    /// already exclusive, so the lease is only read, never written).
    /// </summary>
    private static Taken Read(PreparedStatements prepared, Plan plan, Guid instanceId, string node, DateTimeOffset now, string? idempotencyKey)
    {
        var instance = prepared.QueryFirst(plan.ReadSqlite, [(plan.Id, instanceId), (plan.Text, node), (plan.Ticks, now)], Read);
        var duplicate = idempotencyKey is not null && instance is not null
            && (SignalKeyBuffer.Contains(instance.RecentSignalKeys, idempotencyKey)
                || prepared.QueryFirst(plan.DuplicateSqlite, [(plan.Id, instanceId), (plan.Text, idempotencyKey)], row => row.Integer(0)) != 0);
        return new Taken(instance, instance is null ? null : Copy(instance), duplicate);
    }

    /// <summary>By position, as stored (see <see cref="Columns"/>).</summary>
    private static InstanceRecord Read(PreparedStatements.Row r) => new()
    {
        Id = Guid.Parse(r.Text(0)),
        DefinitionId = r.Text(1),
        DefinitionVersion = (int)r.Integer(2),
        Status = r.Text(3),
        Stage = r.TextOrNull(4),
        CorrelationId = r.TextOrNull(5),
        CreatedAt = new DateTimeOffset(r.Integer(6), TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(r.Integer(7), TimeSpan.Zero),
        FinishedAt = Instant(r.IntegerOrNull(8)),
        NextDueAt = Instant(r.IntegerOrNull(9)),
        Incident = r.TextOrNull(10),
        LeaseOwner = r.TextOrNull(11),
        LeaseExpiresAt = Instant(r.IntegerOrNull(12)),
        PendingSignals = (int)r.Integer(13),
        State = r.Text(14),
        JournalHead = r.IntegerOrNull(15),
        RecentSignalKeys = r.TextOrNull(16),
    };

    private static DateTimeOffset? Instant(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    private const string Columns = "id, definition_id, definition_version, status, stage, correlation_id, created_at, updated_at, finished_at, "
        + "next_due_at, incident, lease_owner, lease_expires_at, pending_signals, state, journal_head, recent_signal_keys";

    /// <summary>By ordinal, as stored (instants as UTC ticks); no reflection, no type conversion lookups.</summary>
    private static InstanceRecord Read(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        DefinitionId = r.GetString(1),
        DefinitionVersion = r.GetInt32(2),
        Status = r.GetString(3),
        Stage = r.IsDBNull(4) ? null : r.GetString(4),
        CorrelationId = r.IsDBNull(5) ? null : r.GetString(5),
        CreatedAt = Instant(r, 6)!.Value,
        UpdatedAt = Instant(r, 7)!.Value,
        FinishedAt = Instant(r, 8),
        NextDueAt = Instant(r, 9),
        Incident = r.IsDBNull(10) ? null : r.GetString(10),
        LeaseOwner = r.IsDBNull(11) ? null : r.GetString(11),
        LeaseExpiresAt = Instant(r, 12),
        PendingSignals = r.GetInt32(13),
        State = r.GetString(14),
        JournalHead = r.IsDBNull(15) ? null : r.GetInt64(15),
        RecentSignalKeys = r.IsDBNull(16) ? null : r.GetString(16),
    };

    private static DateTimeOffset? Instant(DbDataReader r, int i) => r.IsDBNull(i) ? null : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);

    private static InstanceRecord Copy(InstanceRecord i) => new()
    {
        Id = i.Id, DefinitionId = i.DefinitionId, DefinitionVersion = i.DefinitionVersion, Status = i.Status, Stage = i.Stage,
        CorrelationId = i.CorrelationId, CreatedAt = i.CreatedAt, UpdatedAt = i.UpdatedAt, FinishedAt = i.FinishedAt, NextDueAt = i.NextDueAt,
        Incident = i.Incident, LeaseOwner = i.LeaseOwner, LeaseExpiresAt = i.LeaseExpiresAt, PendingSignals = i.PendingSignals, State = i.State,
        JournalHead = i.JournalHead, RecentSignalKeys = i.RecentSignalKeys,
    };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Plan> Plans = new();

    /// <summary>The statements, worked out once per model: every call on an instance takes a lease.</summary>
    private sealed class Plan
    {
        public Plan(WorkflowDbContext db)
        {
            var instanceType = db.Model.FindEntityType(typeof(InstanceRecord))!;
            RelationalTypeMapping MappingOf(string property) => (RelationalTypeMapping)instanceType.FindProperty(property)!.GetRelationalTypeMapping();
            Id = MappingOf(nameof(InstanceRecord.Id));
            Text = MappingOf(nameof(InstanceRecord.LeaseOwner));
            Ticks = MappingOf(nameof(InstanceRecord.LeaseExpiresAt));
            var sql = db.GetService<ISqlGenerationHelper>();
            var instances = sql.DelimitIdentifier(instanceType.GetTableName()!);
            var keys = sql.DelimitIdentifier(db.Model.FindEntityType(typeof(SignalKeyRecord))!.GetTableName()!);
            const string free = "(lease_owner IS NULL OR lease_owner = @p1 OR lease_expires_at < @p3)";
            Lease = $"UPDATE {instances} SET lease_owner = @p1, lease_expires_at = @p2 WHERE id = @p0 AND {free} RETURNING {Columns}";
            Duplicate = $";\nSELECT CASE WHEN EXISTS (SELECT 1 FROM {keys} WHERE instance_id = @p0 AND idempotency_key = @p4) THEN 1 ELSE 0 END";
            ReadSqlite = $"SELECT {Columns} FROM {instances} WHERE id = @p0 AND (lease_owner IS NULL OR lease_owner = @p1 OR lease_expires_at < @p2)";
            DuplicateSqlite = $"SELECT EXISTS (SELECT 1 FROM {keys} WHERE instance_id = @p0 AND idempotency_key = @p1)";
        }

        public RelationalTypeMapping Id { get; }
        public RelationalTypeMapping Text { get; }
        public RelationalTypeMapping Ticks { get; }
        public string Lease { get; }
        public string Duplicate { get; }

        /// <summary>SQLite's two statements, each prepared once on the writer's connection.</summary>
        public string ReadSqlite { get; }
        public string DuplicateSqlite { get; }
    }
}
