using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>The runtime's database on each provider, for migration tests: made, stopped at a migration, and run on.</summary>
public static class RuntimeDatabases
{
    /// <summary>Runs <paramref name="test"/> on a SQLite file in a new folder, deleted afterwards.</summary>
    public static async Task OnSqliteAsync(Func<string, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await test(DatabaseConnection.ForDataFolder(folder));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="test"/> on a new PostgreSQL database (skipped locally, failed under CI, when there is no server).</summary>
    public static async Task OnPostgresAsync(Func<string, Task> test)
    {
        var (server, problem) = await PostgresServer.GetAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        await test(await server.CreateDatabaseAsync());
    }

    /// <summary>Migrates up to and including <paramref name="migration"/>, then runs <paramref name="sql"/> (rows as that release wrote them).</summary>
    public static async Task MigrateToAsync(string connection, string migration, string sql)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        await DatabaseConnection.PrepareAsync(db);
        await db.GetService<IMigrator>().MigrateAsync(migration);
        await db.Database.OpenConnectionAsync();
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.CommandText = sql;
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A definition that waits on step/k again after every signal: each resume is one burst on the same wait.</summary>
    public const string Loop = """
        { "id": "loop", "name": "Loop", "activities": [
          { "id": "start", "type": "Start" },
          { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k" } } ],
          "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "to": "wait" } ] }
        """;

    /// <summary>A runtime on the migrated database with <paramref name="definition"/> registered.</summary>
    public static async Task<ServiceProvider> RuntimeAsync(string connection, string definition)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddWorkflowRuntime(connection);
        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        await runtime.Definitions.RegisterAsync(runtime.Definitions.Loader.Parse(definition, "migrated.json"));
        return provider;
    }
}
