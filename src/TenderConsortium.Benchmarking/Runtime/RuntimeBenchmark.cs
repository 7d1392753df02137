using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>
/// Resumes per second through the whole runtime (bookmark consumed, activities run, state, journal and outbox
/// committed) against the same machine's raw rate of single-row SQLite transactions with the same durability
/// settings (WAL, synchronous=FULL), both measured in this run on the same file system.
/// </summary>
public static class RuntimeBenchmark
{
    private const string LoopDefinition = """
    {
      "id": "bench-loop",
      "name": "Benchmark loop",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k", "payload": { "n": { "type": "integer", "required": true } }, "output": "last" } },
        { "id": "mail", "type": "SendEmail", "properties": { "to": ["member@example.org"], "subject": "Step {{variables.last.n}}", "body": "Step {{variables.last.n}} done." } }
      ],
      "connections": [
        { "from": "start", "to": "wait" },
        { "from": "wait", "to": "mail" },
        { "from": "mail", "to": "wait" }
      ]
    }
    """;

    public static async Task<RuntimeBenchmarkResult> RunAsync(string folder, int resumes = 2000, int starts = 300, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var baseline = await BaselineAsync(Path.Combine(folder, "baseline.db"), resumes, ct);

        var dbPath = Path.Combine(folder, "runtime.db");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(f);
        var connection = DatabaseConnection.ForDataFolder(folder).Replace("tender.db", "runtime.db");
        await WorkflowDatabase.MigrateAsync(connection, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddWorkflowRuntime(connection);
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        await runtime.Definitions.RegisterAsync(runtime.Definitions.Loader.Parse(LoopDefinition, "bench-loop.json"), ct);

        // Start-to-first-bookmark latency, and warm-up of EF's query caches.
        var latencies = new List<double>(starts);
        Guid instance = default;
        for (var i = 0; i < starts; i++)
        {
            var sw = Stopwatch.StartNew();
            instance = (await runtime.StartAsync("bench-loop", ct: ct)).InstanceId;
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }

        for (var i = 0; i < 50; i++) await runtime.ResumeAsync(instance, "step", "k", new JsonObject { ["n"] = -i }, ct: ct);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < resumes; i++)
        {
            var result = await runtime.ResumeAsync(instance, "step", "k", new JsonObject { ["n"] = i }, $"bench-{i}", ct: ct);
            if (result.Status != ResumeStatus.Applied) throw new InvalidOperationException($"Resume {i}: {result.Status} {result.Message}");
        }

        var rate = resumes / watch.Elapsed.TotalSeconds;
        latencies.Sort();
        var p95 = latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1];
        return new RuntimeBenchmarkResult(rate, baseline, rate / baseline, p95);
    }

    private static async Task<double> BaselineAsync(string path, int count, CancellationToken ct)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await connection.OpenAsync(ct);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync(ct);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (payload) VALUES ($p)";
        var p = insert.Parameters.Add("$p", SqliteType.Text);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            insert.Transaction = tx;
            p.Value = $"row {i}";
            await insert.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}

public sealed record RuntimeBenchmarkResult(double ResumesPerSecond, double BaselineTransactionsPerSecond, double Ratio, double StartToBookmarkP95Ms)
{
    public override string ToString() =>
        FormattableString.Invariant(
            $"runtime.resume_per_s={ResumesPerSecond:0} baseline.sqlite_tx_per_s={BaselineTransactionsPerSecond:0} ratio={Ratio:0.00} runtime.start_to_bookmark_p95_ms={StartToBookmarkP95Ms:0.00}");
}
