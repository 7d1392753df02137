using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Collects a burst's writes as statements of one command and sends them in one round trip inside the caller's
/// transaction. SaveChanges on SQLite sends one command per row, and EF's per-command overhead, not SQLite, was most
/// of a resume's time. Values are bound through the model's own type mappings (Guid as text on SQLite, instants as UTC
/// ticks), so the rows are exactly what SaveChanges would have written.
/// </summary>
internal sealed class BurstWriter : IDisposable
{
    /// <summary>Far below SQLite's and PostgreSQL's limits on bound variables, so a burst of any size fits.</summary>
    private const int MaxParameters = 2000;

    private readonly WorkflowDbContext _db;
    private readonly ISqlGenerationHelper _sqlHelper;
    private readonly StringBuilder _sql = new();
    private readonly List<(DbCommand Command, string Sql)> _pending = [];
    private readonly DbTransaction _transaction;
    private DbCommand _command;

    public BurstWriter(WorkflowDbContext db)
    {
        _db = db;
        _transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A burst writes inside its transaction.");
        _sqlHelper = db.GetService<ISqlGenerationHelper>();
        _command = NewCommand();
    }

    public void Insert<T>(IReadOnlyCollection<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var (head, properties) = InsertPlan<T>();
        var open = false;
        foreach (var row in rows)
        {
            if (_command.Parameters.Count > 0 && _command.Parameters.Count + properties.Length > MaxParameters)
            {
                if (open) _sql.Append(";\n");
                open = false;
                Cut();
            }

            _sql.Append(open ? ", (" : head + "(");
            open = true;
            for (var i = 0; i < properties.Length; i++)
            {
                if (i > 0) _sql.Append(", ");
                _sql.Append(Parameter(properties[i].Property, properties[i].Getter.GetClrValue(row)));
            }

            _sql.Append(')');
        }

        _sql.Append(";\n");
    }

    /// <summary>UPDATE of the columns EF's change tracker marks as modified; nothing when none is.</summary>
    public void UpdateModified<T>(EntityEntry<T> entry) where T : class
    {
        var entityType = entry.Metadata;
        var modified = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToList();
        if (modified.Count == 0) return;
        Reserve(modified.Count + 1);
        _sql.Append("UPDATE ").Append(Table(entityType)).Append(" SET ");
        for (var i = 0; i < modified.Count; i++)
        {
            if (i > 0) _sql.Append(", ");
            _sql.Append(Column(modified[i])).Append(" = ").Append(Parameter(modified[i], entry.Property(modified[i].Name).CurrentValue));
        }

        var key = entityType.FindPrimaryKey()!.Properties.Single();
        _sql.Append(" WHERE ").Append(Column(key)).Append(" = ").Append(Parameter(key, entry.Property(key.Name).CurrentValue)).Append(";\n");
    }

    /// <summary>
    /// A hand-written statement; <paramref name="values"/> are bound in order to "{0}", "{1}"… with the mapping of
    /// the property each belongs to.
    /// </summary>
    public void Statement(string format, params (IProperty Property, object? Value)[] values)
    {
        Reserve(values.Length);
        var names = values.Select(v => (object)Parameter(v.Property, v.Value)).ToArray();
        _sql.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, names)).Append(";\n");
    }

    public IProperty Property<T>(string name) where T : class => EntityType<T>().FindProperty(name)
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.");

    public string Table<T>() where T : class => Table(EntityType<T>());

    public string Column(IProperty property) => _sqlHelper.DelimitIdentifier(property.GetColumnName());

    /// <summary>Runs what was collected, in order: usually one command.</summary>
    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (_sql.Length > 0) Cut();
        if (_pending.Count == 0) return;
        foreach (var (command, sql) in _pending)
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
            command.Dispose();
        }

        _pending.Clear();
    }

    public void Dispose()
    {
        _command.Dispose();
        foreach (var (command, _) in _pending) command.Dispose();
    }

    private void Reserve(int parameters)
    {
        if (_command.Parameters.Count > 0 && _command.Parameters.Count + parameters > MaxParameters) Cut();
    }

    /// <summary>Closes the command collected so far; what follows goes into a new one, run after it.</summary>
    private void Cut()
    {
        _pending.Add((_command, _sql.ToString()));
        _sql.Clear();
        _command = NewCommand();
    }

    /// <summary>The INSERT head and columns of an entity type, worked out once per model: every burst inserts.</summary>
    private (string Head, (IProperty Property, IClrPropertyGetter Getter)[] Properties) InsertPlan<T>() where T : class
    {
        var plans = InsertPlans.GetValue(_db.Model, _ => new System.Collections.Concurrent.ConcurrentDictionary<Type, (string, (IProperty, IClrPropertyGetter)[])>());
        return plans.GetOrAdd(typeof(T), _ =>
        {
            var entityType = EntityType<T>();
            var properties = entityType.GetProperties().Where(p => !IsStoreGenerated(p)).ToArray();
            var head = $"INSERT INTO {Table(entityType)} ({string.Join(", ", properties.Select(Column))}) VALUES ";
            return (head, properties.Select(p => (p, p.GetGetter())).ToArray());
        });
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel,
        System.Collections.Concurrent.ConcurrentDictionary<Type, (string, (IProperty, IClrPropertyGetter)[])>> InsertPlans = new();

    private string Parameter(IProperty property, object? value)
    {
        var name = "@w" + _command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        _command.Parameters.Add(mapping.CreateParameter(_command, name, value, property.IsNullable));
        return name;
    }

    private DbCommand NewCommand()
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _transaction;
        if (_db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
        return command;
    }

    private IEntityType EntityType<T>() where T : class =>
        _db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");

    private string Table(IEntityType entityType) => _sqlHelper.DelimitIdentifier(entityType.GetTableName()!);

    /// <summary>The journal's id is the database's; client-generated Guid keys are always set by the runtime.</summary>
    private static bool IsStoreGenerated(IProperty p) =>
        p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never && (p.ClrType == typeof(long) || p.ClrType == typeof(int));
}
