using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Chooses the EF Core provider from a connection string: PostgreSQL for "Host=…", otherwise SQLite.
/// Shared by every DbContext of the system so that the runtime and the domain live in one database.
/// </summary>
public static class DatabaseConnection
{
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite connection string for the embedded default database under a data folder.</summary>
    public static string ForDataFolder(string dataFolder) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataFolder), "tender.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    /// <param name="migrationsHistoryTable">Each context keeps its own history table so their migrations stay independent.</param>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, string migrationsHistoryTable)
    {
        if (IsPostgres(connectionString))
        {
            builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        }
        else
        {
            builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
            builder.AddInterceptors(SqlitePragmas.Instance);
        }

        // Migrations are written by hand (no EF Design package here), so there is no model snapshot to compare.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }

    /// <summary>Configures a context on an open connection (a unit of work's, see <see cref="IUnitOfWork"/>).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, System.Data.Common.DbConnection connection, string migrationsHistoryTable)
    {
        if (connection is SqliteConnection)
            builder.UseSqlite(connection, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        else
            builder.UseNpgsql(connection, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }

    /// <summary>
    /// Creates the folder of a SQLite file and switches it to WAL (persistent in the file). Call before migrating.
    /// </summary>
    public static async Task PrepareAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite()) return;
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
