using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// One prepared SQLite statement per statement shape on the group writer's long-lived connection, re-executed with new
/// values: SQLite parses each shape once, and values are bound by position straight to SQLite.
/// </summary>
/// <remarks>
/// The statements run on the connection's open transaction (the group's, or its savepoint). Going past
/// Microsoft.Data.Sqlite's command here is deliberate: on every execution it looks each parameter up by name
/// (<c>sqlite3_bind_parameter_index</c>, a scan of the statement's names with the name marshalled each time), which was
/// a fifth of a resume's own CPU time. Values are converted as EF Core's SQLite provider writes them (see
/// <see cref="Bind"/>), so the rows are the ones SaveChanges would have written.
/// </remarks>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    /// <summary>Runs one statement with <paramref name="values"/> bound in order to @p0, @p1…; the rows it changed.</summary>
    public int Execute(string sql, ReadOnlySpan<(RelationalTypeMapping Mapping, object? Value)> values)
    {
        var statement = Prepare(sql, values);
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            return raw.sqlite3_changes(connection.Handle);
        }
        finally
        {
            Reset(statement);
        }
    }

    /// <summary>Runs a query and reads its first row with <paramref name="read"/>; default when there is none.</summary>
    public T? QueryFirst<T>(string sql, ReadOnlySpan<(RelationalTypeMapping Mapping, object? Value)> values, Func<Row, T> read)
    {
        var statement = Prepare(sql, values);
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE) return default;
            if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            return read(new Row(statement));
        }
        finally
        {
            Reset(statement);
        }
    }

    /// <summary>The parameter name of the <paramref name="index"/>th value: "@p0", "@p1"…</summary>
    public static string Name(int index) => index < Names.Length ? Names[index] : "@p" + index.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] Names = Enumerable.Range(0, 64).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private sqlite3_stmt Prepare(string sql, ReadOnlySpan<(RelationalTypeMapping Mapping, object? Value)> values)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            var rc = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out var tail);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            if (!string.IsNullOrWhiteSpace(tail))
            {
                statement.Dispose();
                throw new InvalidOperationException("A prepared statement holds one SQL statement.");
            }

            // Values are bound by position: the statement must name them @p0…@pN, each once, in that order.
            var count = raw.sqlite3_bind_parameter_count(statement);
            for (var i = 0; i < Math.Max(count, values.Length); i++)
            {
                if (i < count && i < values.Length && raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string() == Name(i)) continue;
                statement.Dispose();
                throw new InvalidOperationException($"The statement's parameters must be @p0 to @p{values.Length - 1} in order: {sql}");
            }

            _statements[sql] = statement;
        }

        for (var i = 0; i < values.Length; i++) Bind(statement, i + 1, values[i].Mapping, values[i].Value);
        return statement;
    }

    /// <summary>
    /// As EF Core's SQLite provider stores it: through the property's converter (instants as UTC ticks), Guids as
    /// upper-case text, booleans and whole numbers as integers. A type this does not know is refused, not guessed.
    /// </summary>
    private void Bind(sqlite3_stmt statement, int index, RelationalTypeMapping mapping, object? value)
    {
        var stored = value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        var rc = stored switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
            double real => raw.sqlite3_bind_double(statement, index, real),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"The runtime's prepared statements do not bind {stored.GetType().Name} values."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    private static void Reset(sqlite3_stmt statement)
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    /// <summary>The current row of a query, read by column position as stored.</summary>
    public readonly struct Row(sqlite3_stmt statement)
    {
        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public string Text(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

        public string? TextOrNull(int column) => IsNull(column) ? null : Text(column);

        public long Integer(int column) => raw.sqlite3_column_int64(statement, column);

        public long? IntegerOrNull(int column) => IsNull(column) ? null : Integer(column);
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values) statement.Dispose();
        _statements.Clear();
    }
}
