using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Writes a burst's rows inside the call's transaction, bypassing SaveChanges (one command per row with EF's
/// per-command overhead was most of a resume's time). Two ways, the same rows:
/// <list type="bullet">
/// <item>with the connection's <see cref="PreparedStatements"/> (SQLite's long-lived writer): each statement shape is
/// prepared once and re-executed per row;</item>
/// <item>otherwise (PostgreSQL, a pooled connection per call): every statement collected into one batched command,
/// sent in one round trip.</item>
/// </list>
/// Values are bound through the model's own type mappings (Guid as text on SQLite, instants as UTC ticks), so the rows
/// are exactly what SaveChanges would have written.
/// </summary>
internal sealed class BurstWriter : IDisposable
{
    /// <summary>Far below SQLite's and PostgreSQL's limits on bound variables, so a burst of any size fits.</summary>
    private const int MaxParameters = 2000;

    private readonly WorkflowDbContext _db;
    private readonly DbTransaction _transaction;
    private readonly PreparedStatements? _prepared;
    private readonly Plan _plan;
    private readonly StringBuilder _sql = new();
    private readonly List<(DbCommand Command, string Sql)> _pending = [];
    private DbCommand? _command;

    public BurstWriter(WriteSession session)
    {
        _db = session.Metadata;
        _transaction = session.Transaction;
        _prepared = session.Statements;
        _plan = Plans.GetValue(_db.Model, _ => new Plan(_db));
    }

    public void Insert<T>(IReadOnlyCollection<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var insert = _plan.Insert(typeof(T));
        if (_prepared is not null)
        {
            var values = new (RelationalTypeMapping, object?)[insert.Columns.Length];
            foreach (var row in rows)
            {
                for (var i = 0; i < values.Length; i++) values[i] = (insert.Columns[i].Mapping, insert.Columns[i].Getter.GetClrValue(row));
                _prepared.Execute(insert.PreparedSql, values);
            }

            return;
        }

        var open = false;
        var command = Command();
        foreach (var row in rows)
        {
            if (command.Parameters.Count > 0 && command.Parameters.Count + insert.Columns.Length > MaxParameters)
            {
                if (open) _sql.Append(";\n");
                open = false;
                Cut();
                command = Command();
            }

            _sql.Append(open ? ", (" : insert.Head + "(");
            open = true;
            for (var i = 0; i < insert.Columns.Length; i++)
            {
                if (i > 0) _sql.Append(", ");
                _sql.Append(Parameter(insert.Columns[i].Mapping, insert.Columns[i].Getter.GetClrValue(row)));
            }

            _sql.Append(')');
        }

        _sql.Append(";\n");
    }

    /// <summary>
    /// UPDATE of the row's columns whose values differ from <paramref name="original"/>, and <paramref name="toLastId"/>
    /// (when given) set to <see cref="LastInsertedId"/>; nothing when there is neither.
    /// </summary>
    public void UpdateChanged<T>(T original, T current, IProperty? toLastId = null) where T : class
    {
        var update = _plan.Update(typeof(T));
        List<ColumnShape>? changed = null;
        foreach (var column in update.Columns)
        {
            if (!Equals(column.Getter.GetClrValue(original), column.Getter.GetClrValue(current))) (changed ??= []).Add(column);
        }

        if (changed is null && toLastId is null) return;
        changed ??= [];
        var values = new (RelationalTypeMapping Mapping, object? Value)[changed.Count + 1];
        var sql = new StringBuilder("UPDATE ").Append(update.Table).Append(" SET ");
        for (var i = 0; i < changed.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(changed[i].Name).Append(" = {").Append(i).Append('}');
            values[i] = (changed[i].Mapping, changed[i].Getter.GetClrValue(current));
        }

        if (toLastId is not null) sql.Append(changed.Count > 0 ? ", " : "").Append(Column(toLastId)).Append(" = ").Append(LastInsertedId);
        sql.Append(" WHERE ").Append(update.Key.Name).Append(" = {").Append(changed.Count).Append('}');
        values[changed.Count] = (update.Key.Mapping, update.Key.Getter.GetClrValue(current));
        Run(sql.ToString(), values);
    }

    /// <summary>
    /// A hand-written statement; <paramref name="values"/> are bound in order to "{0}", "{1}"… with the mapping of
    /// the property each belongs to.
    /// </summary>
    public void Statement(string format, params (IProperty Property, object? Value)[] values)
    {
        var bound = new (RelationalTypeMapping, object?)[values.Length];
        for (var i = 0; i < values.Length; i++) bound[i] = (Mapping(values[i].Property), values[i].Value);
        Run(format, bound);
    }

    public IProperty Property<T>(string name) where T : class => _plan.EntityType(typeof(T)).FindProperty(name)
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.");

    public string Table<T>() where T : class => _plan.Table(_plan.EntityType(typeof(T)));

    public string Column(IProperty property) => _plan.Column(property);

    public IModel Model => _db.Model;

    /// <summary>
    /// SQL for the key the database gave the last row this connection inserted (SQLite's rowid, PostgreSQL's last
    /// identity value): statements run in order on one connection, so a statement right after an insert reads that row's id.
    /// </summary>
    public string LastInsertedId => _plan.LastInsertedId;

    /// <summary>Runs what was collected, in order (prepared statements have already run).</summary>
    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (_sql.Length > 0) Cut();
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
        _command?.Dispose();
        foreach (var (command, _) in _pending) command.Dispose();
    }

    private void Run(string format, (RelationalTypeMapping Mapping, object? Value)[] values)
    {
        if (_prepared is not null)
        {
            _prepared.Execute(_plan.Prepared(format, values.Length), values);
            return;
        }

        var command = Command();
        if (command.Parameters.Count > 0 && command.Parameters.Count + values.Length > MaxParameters)
        {
            Cut();
            command = Command();
        }

        var names = new object[values.Length];
        for (var i = 0; i < values.Length; i++) names[i] = Parameter(values[i].Mapping, values[i].Value);
        _sql.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, names)).Append(";\n");
    }

    /// <summary>Closes the command collected so far; what follows goes into a new one, run after it.</summary>
    private void Cut()
    {
        if (_command is null) return;
        _pending.Add((_command, _sql.ToString()));
        _sql.Clear();
        _command = null;
    }

    private DbCommand Command()
    {
        if (_command is not null) return _command;
        _command = _db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = _transaction;
        if (_db.Database.GetCommandTimeout() is { } timeout) _command.CommandTimeout = timeout;
        return _command;
    }

    private string Parameter(RelationalTypeMapping mapping, object? value)
    {
        var command = Command();
        var name = "@w" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: true));
        return name;
    }

    private static RelationalTypeMapping Mapping(IProperty property) => (RelationalTypeMapping)property.GetRelationalTypeMapping();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Plan> Plans = new();

    private sealed record ColumnShape(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);

    private sealed record InsertShape(string Head, string PreparedSql, ColumnShape[] Columns);

    private sealed record UpdateShape(string Table, ColumnShape Key, ColumnShape[] Columns);

    /// <summary>Statements and columns worked out once per model: every burst writes with them.</summary>
    private sealed class Plan(WorkflowDbContext db)
    {
        private readonly IModel _model = db.Model;
        private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, InsertShape> _inserts = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, UpdateShape> _updates = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), string> _prepared = new();

        public string LastInsertedId { get; } = db.Database.IsSqlite() ? "last_insert_rowid()" : "lastval()";

        public IEntityType EntityType(Type type) =>
            _model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");

        public string Table(IEntityType entityType) => _sql.DelimitIdentifier(entityType.GetTableName()!);

        public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName());

        public InsertShape Insert(Type type) => _inserts.GetOrAdd(type, t =>
        {
            var entityType = EntityType(t);
            var columns = entityType.GetProperties().Where(p => !IsStoreGenerated(p)).Select(ColumnOf).ToArray();
            var head = $"INSERT INTO {Table(entityType)} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
            return new InsertShape(head, head + "(" + string.Join(", ", columns.Select((_, i) => PreparedStatements.Name(i))) + ")", columns);
        });

        public UpdateShape Update(Type type) => _updates.GetOrAdd(type, t =>
        {
            var entityType = EntityType(t);
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            return new UpdateShape(Table(entityType), ColumnOf(key), entityType.GetProperties().Where(p => p != key).Select(ColumnOf).ToArray());
        });

        /// <summary>A statement format with its values as the prepared statements' parameters.</summary>
        public string Prepared(string format, int count) => _prepared.GetOrAdd((format, count), k =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, k.Item1,
                Enumerable.Range(0, k.Item2).Select(i => (object)PreparedStatements.Name(i)).ToArray()));

        private ColumnShape ColumnOf(IProperty p) => new(Column(p), Mapping(p), p.GetGetter());

        /// <summary>The journal's id is the database's; client-generated Guid keys are always set by the runtime.</summary>
        private static bool IsStoreGenerated(IProperty p) =>
            p.ValueGenerated != ValueGenerated.Never && (p.ClrType == typeof(long) || p.ClrType == typeof(int));
    }
}
