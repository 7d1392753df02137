using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Takes an instance's lease and reads its row in one statement (UPDATE … RETURNING), and answers in the same round
/// trip whether a signal with the caller's idempotency key was already accepted. Every start of work on an instance
/// did these as three EF commands, each with more overhead in EF than in the database.
/// </summary>
internal static class InstanceLease
{
    /// <summary>
    /// Inside the caller's transaction: the row with the lease now this node's (tracked as unchanged), or null when
    /// another node holds a live lease or there is no such instance. On PostgreSQL the UPDATE also row-locks the
    /// instance until commit, so a second node waits and then sees the lease free again; on SQLite the write
    /// transaction is exclusive anyway. <c>Duplicate</c> is only meaningful when an idempotency key is given, and is
    /// answered whether or not the lease was taken.
    /// </summary>
    public static async Task<(InstanceRecord? Instance, bool Duplicate)> TakeAsync(WorkflowDbContext db, Guid instanceId, string node,
        DateTimeOffset now, DateTimeOffset until, string? idempotencyKey, CancellationToken ct)
    {
        var plan = Plans.GetValue(db.Model, _ => new Plan(db));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A lease is taken inside the call's transaction.");
        if (db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
        Add(command, plan.Id, "@id", instanceId);
        Add(command, plan.LeaseOwner, "@node", node);
        Add(command, plan.LeaseExpiresAt, "@until", until);
        Add(command, plan.LeaseExpiresAt, "@now", now);
        // On SQLite the call's write transaction is exclusive (BEGIN IMMEDIATE): the lease is only read, so that a live
        // lease of another process is respected, and never written (two B-tree writes per call for nothing).
        var text = db.Database.IsSqlite() ? plan.Read : plan.Lease;
        if (idempotencyKey is not null)
        {
            Add(command, plan.SignalInstanceId, "@signal_instance", instanceId);
            Add(command, plan.IdempotencyKey, "@key", idempotencyKey);
            text += plan.Duplicate;
        }

        command.CommandText = text;
        InstanceRecord? instance = null;
        var duplicate = false;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct)) instance = Materialise(reader, plan.Columns);
            if (idempotencyKey is not null && await reader.NextResultAsync(ct) && await reader.ReadAsync(ct))
                duplicate = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) != 0;
        }

        if (instance is not null) db.Instances.Attach(instance);
        return (instance, duplicate);
    }

    private static void Add(DbCommand command, IProperty property, string name, object? value) =>
        command.Parameters.Add(((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, value, property.IsNullable));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Plan> Plans = new();

    /// <summary>The statements and columns, worked out once per model: every call on an instance takes a lease.</summary>
    private sealed class Plan
    {
        public Plan(WorkflowDbContext db)
        {
            var instanceType = db.Model.FindEntityType(typeof(InstanceRecord))!;
            var signalType = db.Model.FindEntityType(typeof(SignalRecord))!;
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName());
            Id = instanceType.FindProperty(nameof(InstanceRecord.Id))!;
            LeaseOwner = instanceType.FindProperty(nameof(InstanceRecord.LeaseOwner))!;
            LeaseExpiresAt = instanceType.FindProperty(nameof(InstanceRecord.LeaseExpiresAt))!;
            SignalInstanceId = signalType.FindProperty(nameof(SignalRecord.InstanceId))!;
            IdempotencyKey = signalType.FindProperty(nameof(SignalRecord.IdempotencyKey))!;
            Columns = instanceType.GetProperties().ToArray();
            var owner = Column(LeaseOwner);
            var expires = Column(LeaseExpiresAt);
            Lease = $"UPDATE {sql.DelimitIdentifier(instanceType.GetTableName()!)} SET {owner} = @node, {expires} = @until "
                + $"WHERE {Column(Id)} = @id AND ({owner} IS NULL OR {owner} = @node OR {expires} < @now) "
                + $"RETURNING {string.Join(", ", Columns.Select(Column))}";
            Read = $"SELECT {string.Join(", ", Columns.Select(Column))} FROM {sql.DelimitIdentifier(instanceType.GetTableName()!)} "
                + $"WHERE {Column(Id)} = @id AND ({owner} IS NULL OR {owner} = @node OR {expires} < @now)";
            Duplicate = $";\nSELECT CASE WHEN EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(signalType.GetTableName()!)} WHERE "
                + $"{Column(SignalInstanceId)} = @signal_instance AND {Column(IdempotencyKey)} = @key) THEN 1 ELSE 0 END";
        }

        public IProperty Id { get; }
        public IProperty LeaseOwner { get; }
        public IProperty LeaseExpiresAt { get; }
        public IProperty SignalInstanceId { get; }
        public IProperty IdempotencyKey { get; }
        public IProperty[] Columns { get; }
        public string Lease { get; }
        public string Read { get; }
        public string Duplicate { get; }
    }

    /// <summary>Reads the row through the model's mappings, as a query would (ticks back to instants, text to Guid).</summary>
    private static InstanceRecord Materialise(DbDataReader reader, IReadOnlyList<IProperty> properties)
    {
        var instance = new InstanceRecord { DefinitionId = "", Status = "", State = "" };
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            object? value = null;
            if (!reader.IsDBNull(i))
            {
                var provider = mapping.Converter?.ProviderClrType ?? Nullable.GetUnderlyingType(mapping.ClrType) ?? mapping.ClrType;
                value = provider == typeof(Guid) ? reader.GetGuid(i)
                    : provider == typeof(string) ? reader.GetString(i)
                    : Convert.ChangeType(reader.GetValue(i), provider, System.Globalization.CultureInfo.InvariantCulture);
                if (mapping.Converter is { } converter) value = converter.ConvertFromProvider(value);
            }

            property.PropertyInfo!.SetValue(instance, value);
        }

        return instance;
    }
}
