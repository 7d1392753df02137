using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Host;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Benchmarking.EndToEnd;

/// <summary>
/// Whole bids on one node: N tenders run concurrently through workflows/lead-partner-bid.json from the notice to
/// issued sub-contracts, each with its own consortium of M members (<see cref="EndToEndScenario"/>) whose people are
/// played by a <see cref="TenderDriver"/>. The node is composed as `tender serve` composes it (AddTenderNode, a fresh
/// SQLite data folder, the shipped definitions and templates, the runtime worker firing timers and delivering the
/// outbox to the pickup folder). The clock runs from the first start to the last email written, so the figure is
/// tenders per minute including every document and email; the managed heap and the working set are sampled meanwhile.
/// <para>
/// Baseline, in the same run on the same node: a few of the same tenders one after another. The work per tender is the
/// same, so the ratio says what running tenders side by side buys (or costs, in lock contention on the one SQLite
/// writer) over running them in turn. A trivial definition's start→end bursts would be a floor for the runtime alone,
/// which `bench runtime` already measures; it would not tell whether a node keeps up with many bids at once.
/// One unmeasured tender first warms up JIT and EF Core's caches.
/// </para>
/// </summary>
public static class EndToEndBenchmark
{
    public const string Run = "E2E";

    public static async Task<EndToEndResult> RunAsync(EndToEndOptions options, CancellationToken ct = default)
    {
        if (options.Tenders < 1 || options.MembersPerTender < 1 || options.BaselineTenders < 0)
            throw new ArgumentException("expected at least 1 tender and 1 member per tender, and no negative baseline", nameof(options));
        var owned = options.Folder is null;
        var folder = Path.GetFullPath(options.Folder ?? Path.Combine(Path.GetTempPath(), "tender-bench-e2e-" + Guid.NewGuid().ToString("N")[..8]));
        if (owned && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await RunInAsync(folder, options, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the end-to-end benchmark did not finish within {options.Timeout}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (owned)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<EndToEndResult> RunInAsync(string folder, EndToEndOptions options, CancellationToken ct)
    {
        var warmUp = options.WarmUp ? 1 : 0;
        var total = warmUp + options.BaselineTenders + options.Tenders;
        var node = new NodeSettings(folder, DatabaseConnection.ForDataFolder(folder), options.WorkflowsFolder ?? Locate("workflows", "lead-partner-bid.json"))
        {
            RunWorkers = true,
            TemplatesFolder = options.TemplatesFolder ?? Locate("templates", "email"),
        };
        // Only the node's defaults: no appsettings.json, no environment (mail goes to <data>/outbox as .eml files).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(level => level >= LogLevel.Error));
        services.AddTenderNode(configuration, node);
        await using var provider = services.BuildServiceProvider();
        await NodeComposition.InitializeAsync(provider, ct);

        var now = DateTimeOffset.UtcNow;
        var opportunities = await SeedAsync(folder, node.ConnectionString, total, options.MembersPerTender, now, ct);
        // Every bid needs the consortium profile first, as a lead completes it once.
        await provider.GetRequiredService<Application.Consortium.SaveProfile.SaveProfileHandler>().HandleAsync(new Application.Consortium.SaveProfile.SaveProfile(
            Persistence.Tenancy.Consortia.Default, EndToEndScenario.LeadEmail, "Benchmark Social Enterprise Consortium Ltd", "SC000001", "Benchmark Lead", "Chief Executive",
            EndToEndScenario.LeadEmail, "0141 496 0000", "1 Benchmark Street\nGlasgow G1 1AA", EndToEndScenario.AdviserEmail), ct);
        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(ct);
        try
        {
            var drivers = Enumerable.Range(0, total)
                .Select(i => new TenderDriver(provider, opportunities[i], i, EndToEndScenario.Council(i).Name, EndToEndScenario.ContractStart(now)))
                .ToList();
            var settings = EndToEndScenario.Settings(options.MembersPerTender);
            if (warmUp > 0) await PhaseAsync(provider, folder, drivers[..1], settings, concurrent: false, ct);
            var baseline = options.BaselineTenders > 0
                ? await PhaseAsync(provider, folder, drivers.GetRange(warmUp, options.BaselineTenders), settings, concurrent: false, ct)
                : null;
            var measured = await PhaseAsync(provider, folder, drivers.GetRange(warmUp + options.BaselineTenders, options.Tenders), settings, concurrent: true, ct);
            return new EndToEndResult(options.Tenders, options.MembersPerTender, measured, baseline);
        }
        finally
        {
            foreach (var worker in workers) await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs the drivers (all at once, or one after another) and delivers their email; timed and sampled.</summary>
    private static async Task<EndToEndPhase> PhaseAsync(IServiceProvider provider, string folder, List<TenderDriver> drivers,
        System.Text.Json.Nodes.JsonObject settings, bool concurrent, CancellationToken ct)
    {
        var pickup = Path.Combine(folder, "outbox");
        var emailsBefore = Directory.Exists(pickup) ? Directory.EnumerateFiles(pickup, "*.eml").Count() : 0;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await using var sampler = MemorySampler.Start();
        var watch = Stopwatch.StartNew();
        var outcomes = new EndToEndTender[drivers.Count];
        var copies = drivers.Select(_ => (System.Text.Json.Nodes.JsonObject)settings.DeepClone()).ToList();
        async Task One(int i)
        {
            var clock = Stopwatch.StartNew();
            var subcontracts = await drivers[i].RunAsync(copies[i], ct);
            outcomes[i] = new EndToEndTender(drivers[i].OpportunityId, drivers[i].InstanceId, subcontracts, drivers[i].Resumes, drivers[i].BusyRetries,
                clock.Elapsed.TotalSeconds);
        }

        if (concurrent)
            await Task.WhenAll(Enumerable.Range(0, drivers.Count).Select(i => Task.Run(() => One(i), ct)));
        else
            for (var i = 0; i < drivers.Count; i++) await One(i);
        var bidsDone = watch.Elapsed.TotalSeconds;
        await DeliverAllAsync(provider, ct);
        watch.Stop();
        var (heap, workingSet) = await sampler.StopAsync();
        var emails = Directory.EnumerateFiles(pickup, "*.eml").Count() - emailsBefore;
        return new EndToEndPhase(drivers.Count, watch.Elapsed.TotalSeconds, bidsDone, heap / 1048576.0, workingSet / 1048576.0, emails, outcomes);
    }

    /// <summary>Delivers whatever the outbox holds (beside the runtime worker, which may hold claims) until nothing is pending.</summary>
    private static async Task DeliverAllAsync(IServiceProvider provider, CancellationToken ct)
    {
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var factory = provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        while (true)
        {
            var sent = await dispatcher.DispatchOnceAsync(ct);
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending, ct)) return;
            if (sent == 0) await Task.Delay(10, ct);
        }
    }

    /// <summary>Imports every tender's notice and all members; returns the opportunity id of each tender.</summary>
    private static async Task<List<string>> SeedAsync(string folder, string connectionString, int tenders, int members, DateTimeOffset now, CancellationToken ct)
    {
        var notices = Path.Combine(folder, "notices");
        Directory.CreateDirectory(notices);
        var importer = new OpportunityImporter(connectionString);
        var ids = new List<string>(tenders);
        for (var i = 0; i < tenders; i++)
        {
            var path = Path.Combine(notices, EndToEndScenario.Reference(Run, i) + ".json");
            await File.WriteAllTextAsync(path, EndToEndScenario.Notice(Run, i, now), ct);
            var imported = await importer.ImportFileAsync(path, ct);
            ids.Add(imported.Opportunities.SingleOrDefault()?.Id ?? throw new InvalidOperationException($"notice {path} was not imported"));
        }

        var csv = Path.Combine(folder, "members.csv");
        await File.WriteAllTextAsync(csv, EndToEndScenario.MembersCsv(Run, Enumerable.Range(0, tenders), members), Encoding.UTF8, ct);
        var registry = await new MemberImporter(connectionString).ImportFileAsync(csv, ct);
        if (registry.Created != tenders * members)
            throw new InvalidOperationException($"expected {tenders * members} new members, imported {registry.Created}");
        return ids;
    }

    /// <summary>A shipped folder (workflows, templates): in the current directory, beside the binary, or above it (the repository).</summary>
    public static string Locate(string name, string mustContain)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (Path.Exists(Path.Combine(candidate, mustContain))) return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no {name} folder with {mustContain} in or above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }

    /// <summary>Peak managed heap and peak working set, sampled every 10 ms until stopped.</summary>
    private sealed class MemorySampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _heap;
        private long _workingSet;

        private MemorySampler()
        {
            _loop = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    Sample(process);
                    try { await Task.Delay(10, _stop.Token); } catch (OperationCanceledException) { }
                }

                Sample(process);
            });
        }

        public static MemorySampler Start() => new();

        private void Sample(Process process)
        {
            _heap = Math.Max(_heap, GC.GetTotalMemory(false));
            process.Refresh();
            _workingSet = Math.Max(_workingSet, process.WorkingSet64);
        }

        public async Task<(long Heap, long WorkingSet)> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return (_heap, _workingSet);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
