using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// One prepared command per statement shape on a long-lived SQLite connection, re-executed with new values: SQLite
/// parses each shape once, and each execution binds only that statement's few parameters. A burst sent as one new
/// batched command per call was re-parsed every time, and Microsoft.Data.Sqlite looked every parameter name up
/// across every statement of the batch.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// The command for <paramref name="sql"/> in <paramref name="transaction"/>, its parameters bound in order to
    /// <paramref name="values"/> through each value's type mapping (the first use creates them with the mapping).
    /// </summary>
    public SqliteCommand Bind(string sql, DbTransaction transaction, ReadOnlySpan<(RelationalTypeMapping Mapping, object? Value)> values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
                command.Parameters.Add(values[i].Mapping.CreateParameter(command, Name(i), values[i].Value, nullable: true));
            command.Prepare();
            _commands[sql] = command;
        }
        else
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = ProviderValue(values[i].Mapping, values[i].Value);
        }

        command.Transaction = (SqliteTransaction)transaction;
        return command;
    }

    /// <summary>The parameter name of the <paramref name="index"/>th value: "@p0", "@p1"…</summary>
    public static string Name(int index) => index < Names.Length ? Names[index] : "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] Names = Enumerable.Range(0, 64).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>What <see cref="RelationalTypeMapping.CreateParameter"/> would have put in the parameter.</summary>
    private static object ProviderValue(RelationalTypeMapping mapping, object? value)
    {
        if (value is null) return DBNull.Value;
        return mapping.Converter is { } converter ? converter.ConvertToProvider(value) ?? DBNull.Value : value;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }
}
