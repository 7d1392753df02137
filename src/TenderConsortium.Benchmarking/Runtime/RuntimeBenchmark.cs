using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>
/// Resumes per second through the whole runtime (bookmark consumed, activities run, state, journal and outbox
/// committed), for one instance resumed in a loop and for 4, 16 and 64 instances resumed at once, each against the
/// machine's rate of bare single-row SQLite transactions (WAL, synchronous=FULL) measured in this run, interleaved
/// with it, on the same file system. Also the pages one resume writes (WAL frames per commit) and the CPU time per resume.
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

    /// <summary>Concurrency levels measured besides one instance.</summary>
    public static readonly IReadOnlyList<int> Concurrency = [4, 16, 64];

    /// <summary>
    /// At least this long, for SQLite's page cache to hold the working set and tiered JIT to start promoting the hot path.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Then on until the JIT has compiled nothing new for this long: with dynamic PGO a hot method is compiled twice
    /// (instrumented, then optimised) and each batch of promotions briefly stops every thread, so a fixed warm-up of a
    /// few seconds measured the JIT's background work (it took half the process's CPU during the one-instance figure).
    /// </summary>
    private static readonly TimeSpan JitQuiet = TimeSpan.FromSeconds(1);

    /// <summary>A bound on the warm-up where something keeps compiling (the output then says so).</summary>
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(30);

    /// <summary>Slices each figure is measured in, alternating bare transactions and resumes.</summary>
    private const int Slices = 10;

    /// <summary>
    /// Resumes each caller makes in one slice, at least. A slice begins with every caller arriving at once and ends with
    /// the last ones draining alone, and neither is the steady state a concurrency figure stands for: at 64 callers
    /// and 2,000 resumes a slice held 3 resumes per caller, so the ramp and the drain were most of what was timed.
    /// </summary>
    private const int MinResumesPerCaller = 32;

    private const int FrameWindow = 20;
    private const int FrameWindows = 5;

    public static async Task<RuntimeBenchmarkResult> RunAsync(string folder, int resumes = 2000, int starts = 300, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        await using var baseline = await BareTransactionBaseline.OpenAsync(Path.Combine(folder, "baseline.db"), ct);

        var dbPath = Path.Combine(folder, "runtime.db");
        await using var provider = await OpenAsync(folder, ct);
        var runtime = provider.GetRequiredService<WorkflowRuntime>();

        // Start-to-first-bookmark latency.
        var latencies = new List<double>(starts);
        var instances = new List<Guid>(starts);
        for (var i = 0; i < starts; i++)
        {
            var sw = Stopwatch.StartNew();
            instances.Add((await runtime.StartAsync("bench-loop", ct: ct)).InstanceId);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }

        while (instances.Count < Concurrency.Max()) instances.Add((await runtime.StartAsync("bench-loop", ct: ct)).InstanceId);
        latencies.Sort();
        var p95 = latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1];

        var counter = 0;
        Task ResumeAsync(Guid instance) => ResumeOnceAsync(runtime, instance, Interlocked.Increment(ref counter), ct);

        // Warm-up, alone, concurrent and bare, so that every path measured below runs tiered-up code.
        var warm = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quiet = Stopwatch.StartNew();
        while (warm.Elapsed < WarmUpLimit && (warm.Elapsed < WarmUp || quiet.Elapsed < JitQuiet))
        {
            await ResumeAsync(instances[0]);
            foreach (var callers in Concurrency) await Task.WhenAll(instances.Take(callers).Select(id => Task.Run(() => ResumeAsync(id), ct)));
            await baseline.TimeAsync(1, ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled) (compiled, quiet) = (now, Stopwatch.StartNew());
        }

        var warmUp = new WarmUpFigure(warm.Elapsed.TotalSeconds, quiet.Elapsed >= JitQuiet);

        // Each figure interleaves slices of bare transactions and of resumes, so both see the same load from the
        // machine's other users; the process's CPU time is summed over the resume slices (waiting on fsync is not CPU).
        var cpu = TimeSpan.Zero;
        long allocated = 0;
        var collections = 0;
        async Task<ConcurrentFigure> MeasureAsync(int callers)
        {
            var each = Math.Max(callers == 1 ? 1 : MinResumesPerCaller, resumes / Slices / callers);
            var bareTime = TimeSpan.Zero;
            var resumeTime = TimeSpan.Zero;
            for (var s = 0; s < Slices; s++)
            {
                bareTime += await baseline.TimeAsync(each * callers, ct);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var collectionsBefore = GC.CollectionCount(0);
                var slice = Stopwatch.StartNew();
                // Each caller on its own thread-pool work item, as concurrent requests arrive: SQLite's calls complete
                // synchronously, so callers started on one flow would otherwise run one after another.
                await Task.WhenAll(instances.Take(callers).Select(id => Task.Run(async () =>
                {
                    for (var i = 0; i < each; i++) await ResumeAsync(id);
                }, ct)));
                resumeTime += slice.Elapsed;
                if (callers == 1)
                {
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    allocated += GC.GetTotalAllocatedBytes() - allocatedBefore;
                    collections += GC.CollectionCount(0) - collectionsBefore;
                }
            }

            var count = each * callers * Slices;
            return new ConcurrentFigure(callers, count / resumeTime.TotalSeconds, count / bareTime.TotalSeconds);
        }

        var single = await MeasureAsync(1);
        var measured = resumes / Slices * Slices;
        var cpuPerResume = cpu.TotalMilliseconds / measured;
        var concurrent = new List<ConcurrentFigure>();
        foreach (var callers in Concurrency) concurrent.Add(await MeasureAsync(callers));

        // Pages per resume, from the log: several short windows of the single-instance loop.
        long frames = 0;
        var pages = new List<long>();
        for (var w = 0; w < FrameWindows; w++)
        {
            await WalFrames.ResetAsync(dbPath, ct);
            for (var i = 0; i < FrameWindow; i++) await ResumeAsync(instances[0]);
            pages.AddRange(await WalFrames.PagesAsync(dbPath, ct));
            frames += await WalFrames.CountAsync(dbPath, ct);
        }

        // Where those pages go, table by table and index by index: what to look at to write fewer.
        var owners = await WalFrames.OwnersAsync(dbPath, ct);
        var perResume = pages.GroupBy(p => owners.GetValueOrDefault(p, "overflow or free"))
            .Select(g => (Tree: g.Key, Frames: (double)g.Count() / (FrameWindow * FrameWindows)))
            .OrderByDescending(t => t.Frames).ThenBy(t => t.Tree, StringComparer.Ordinal).ToList();

        // Last, once every figure on disk is taken: it opens a second runtime and clears the connection pools.
        var work = new ResumeWork(allocated / 1024.0 / measured, collections * 1000.0 / measured, await WithoutFsyncAsync(resumes, ct));
        return new RuntimeBenchmarkResult(single.ResumesPerSecond, single.BaselineTransactionsPerSecond, single.Ratio, p95, concurrent,
            (double)frames / (FrameWindow * FrameWindows), cpuPerResume, resumes, perResume, work, warmUp);
    }

    private static async Task<ServiceProvider> OpenAsync(string folder, CancellationToken ct)
    {
        var dbPath = Path.Combine(folder, "runtime.db");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(f);
        var connection = DatabaseConnection.ForDataFolder(folder).Replace("tender.db", "runtime.db");
        await WorkflowDatabase.MigrateAsync(connection, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddWorkflowRuntime(connection);
        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        await runtime.Definitions.RegisterAsync(runtime.Definitions.Loader.Parse(LoopDefinition, "bench-loop.json"), ct);
        return provider;
    }

    private static async Task ResumeOnceAsync(WorkflowRuntime runtime, Guid instance, int n, CancellationToken ct)
    {
        var result = await runtime.ResumeAsync(instance, "step", "k", new JsonObject { ["n"] = n }, $"bench-{n}", ct: ct);
        if (result.Status != ResumeStatus.Applied) throw new InvalidOperationException($"Resume {n}: {result.Status} {result.Message}");
    }

    /// <summary>Where RAM backs the file system (Linux's /dev/shm), fsync returns at once.</summary>
    private const string MemoryFolder = "/dev/shm";

    /// <summary>
    /// The same loop on a database in memory-backed storage, where fsync costs nothing: what one resume costs when
    /// the disk is out of the way (the CPU-bound floor of the single-instance rate). Null where there is no such storage.
    /// </summary>
    private static async Task<double?> WithoutFsyncAsync(int resumes, CancellationToken ct)
    {
        if (!Directory.Exists(MemoryFolder)) return null;
        var folder = Path.Combine(MemoryFolder, "tender-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var provider = await OpenAsync(folder, ct);
            var runtime = provider.GetRequiredService<WorkflowRuntime>();
            var instance = (await runtime.StartAsync("bench-loop", ct: ct)).InstanceId;
            var n = 0;
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(1)) await ResumeOnceAsync(runtime, instance, ++n, ct);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < resumes; i++) await ResumeOnceAsync(runtime, instance, ++n, ct);
            return watch.Elapsed.TotalMilliseconds / resumes;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
