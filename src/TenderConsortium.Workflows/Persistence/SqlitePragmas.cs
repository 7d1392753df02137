using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// synchronous is a per-connection setting in SQLite: every connection must ask for FULL so that a committed
/// decision survives a power cut. WAL itself is persistent and is set once when the database is migrated.
/// </summary>
/// <remarks>
/// The settings live on the native connection, which Microsoft.Data.Sqlite's pool hands out again on every open; each
/// native connection is set up once, when first seen, instead of on every open (each call of the runtime opens one).
/// </remarks>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    private static readonly ConditionalWeakTable<object, object> Prepared = new();
    private static readonly object Done = new();

    /// <summary>For a connection opened outside EF (the group writer's).</summary>
    internal static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsPrepared(connection)) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql;
            command.ExecuteNonQuery();
        }

        MarkPrepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsPrepared(connection)) return;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        MarkPrepared(connection);
    }

    private static bool IsPrepared(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

    private static void MarkPrepared(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Prepared.AddOrUpdate(handle, Done);
    }
}
