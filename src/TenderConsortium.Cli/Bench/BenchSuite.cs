using System.Diagnostics;
using System.Globalization;
using TenderConsortium.Benchmarking.Allocation;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Benchmarking.EndToEnd;
using TenderConsortium.Benchmarking.Mail;
using TenderConsortium.Benchmarking.Matching;
using TenderConsortium.Benchmarking.Runtime;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Bench;

/// <summary>Sizes of one suite run: the (full) or scaled down to finish in under 3 minutes on 2 cores (quick).</summary>
public sealed record BenchSuiteSizes(
    int Resumes,
    int Starts,
    int MatchingMembers,
    int MatchingQueries,
    int AllocationLots,
    int OffersPerLot,
    int BidPackLots,
    int BidPackMembers,
    int MailMessages,
    int MailBaselineMessages,
    int Tenders,
    int MembersPerTender,
    int BaselineTenders)
{
    public static readonly BenchSuiteSizes Full = new(2000, 300, 1_000_000, 200, 200, 25, 50, 100, 2000, 2000, 100, 20, 3);
    public static readonly BenchSuiteSizes Quick = new(500, 100, 100_000, 100, 200, 25, 50, 100, 300, 300, 20, 20, 2);
}

/// <summary>
/// `tender bench [--quick]`: every benchmark in one process, one line per figure on standard output,
/// <c>name=value unit baseline.name=value unit ratio=… (what was measured)</c>, the baseline measured in the same run.
/// Progress goes to standard error. A figure that cannot run here (no aiosmtpd) prints why it was skipped; one that
/// fails prints the error and the others still run (exit code 1).
/// The end-to-end figures run right after the runtime, before matching builds a million-member registry, so that
/// their peak working set is theirs.
/// </summary>
public static class BenchSuite
{
    public static async Task<int> RunAsync(BenchSuiteSizes sizes, string dataFolder, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        Directory.CreateDirectory(dataFolder);
        var failed = false;
        var total = Stopwatch.StartNew();

        async Task Step(string name, Func<Task<IEnumerable<string>>> figures)
        {
            progress.WriteLine($"bench: {name}…");
            var watch = Stopwatch.StartNew();
            try
            {
                foreach (var line in await figures()) output.WriteLine(line);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed = true;
                output.WriteLine($"{name}: failed: {ex.Message}");
            }

            output.Flush();
            progress.WriteLine(F($"bench: {name} took {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        await Step("runtime", async () =>
        {
            // Every runtime figure: one instance, 4/16/64 at once, WAL frames, CPU time and start latency.
            var r = await RuntimeBenchmark.RunAsync(Path.Combine(dataFolder, "runtime"), sizes.Resumes, sizes.Starts, ct);
            return r.Lines();
        });

        await Step("e2e", async () =>
        {
            var r = await EndToEndBenchmark.RunAsync(new EndToEndOptions
            {
                Tenders = sizes.Tenders,
                MembersPerTender = sizes.MembersPerTender,
                BaselineTenders = sizes.BaselineTenders,
            }, ct);
            return EndToEndLines(r);
        });

        await Step("matching", async () =>
        {
            var r = await MatchingBenchmark.RunAsync(sizes.MatchingMembers, 10, sizes.MatchingQueries, ct);
            return [F($"matching.p95={r.P95Milliseconds:0.00} ms baseline.fullscan_p95={r.FullScanP95Milliseconds:0.00} ms ratio={r.Ratio:0.0} (full scan over index; {r.Members:N0} members, {r.Lots} lots, {r.Shortlisted} shortlisted; index built in {r.IndexBuildSeconds:0.00} s, {r.IndexMegabytes:0.0} MB)")];
        });

        await Step("allocation", () =>
        {
            var r = AllocationBenchmark.Run(sizes.AllocationLots, sizes.OffersPerLot);
            return Task.FromResult<IEnumerable<string>>(
            [
                F($"allocation.solve={r.SolveMs:0.0} ms baseline.greedy={r.GreedyMs:0.0} ms ratio={r.SolveMs / Math.Max(r.GreedyMs, 0.001):0.0} improvement={r.ImprovementPercent:0.00}% ({r.Lots} lots × {r.Offers:N0} offers, {r.Members} members; objective {r.Objective:N0} vs greedy {r.GreedyObjective:N0}, uncovered {r.UncoveredUnits:N0} vs {r.GreedyUncoveredUnits:N0}, micro floor shortfall {r.FloorShortfallUnits:N0} vs {r.GreedyFloorShortfallUnits:N0}; allocated {r.AllocatedMb:0.0} MB)"),
            ]);
        });

        await Step("bidpack", () =>
        {
            var r = BidPackBenchmark.Run(sizes.BidPackLots, sizes.BidPackMembers);
            return Task.FromResult<IEnumerable<string>>(
            [
                F($"bidpack.assemble={r.PackMs:0.0} ms baseline.zip_same_parts={r.BaselineMs:0.0} ms ratio={r.Ratio:0.0} ({r.Lots} lots × {r.Members} members, {r.Subcontracts} sub-contracts, {r.OutputBytes / 1024.0:N0} KB; peak heap {r.PeakHeapMb:0.0} MB)"),
            ]);
        });

        await Step("mail", async () =>
        {
            if (await AiosmtpdProblemAsync(ct) is { } problem)
                return [$"mail: skipped: {problem}"];
            var r = await MailBenchmark.RunAsync(Path.Combine(dataFolder, "mail"), sizes.MailMessages, sizes.MailBaselineMessages, 4, ct);
            return [F($"mail.outbox_rate={r.OutboxPerSecond:0} messages/s baseline.mailkit_one_connection_rate={r.BareMailKitPerSecond:0} messages/s ratio={r.Ratio:0.00} ({r.Messages:N0} messages through the outbox to a local aiosmtpd, concurrency {r.Concurrency}; baseline: a bare MailKit client sending {r.BaselineMessages:N0} of the same messages one by one on one connection)")];
        });

        progress.WriteLine(F($"bench: suite took {total.Elapsed.TotalSeconds:0.0} s"));
        return failed ? CliExit.Failure : CliExit.Ok;
    }

    public static IEnumerable<string> EndToEndLines(EndToEndResult r)
    {
        var m = r.Measured;
        var b = r.Baseline;
        var shape = F($"{r.Tenders} tenders × {r.MembersPerTender} members concurrently on one node, notice to sub-contracts: {m.Subcontracts:N0} sub-contracts, {m.Emails:N0} emails, last bid done at {m.BidsSeconds:0.0} s, last email written at {m.Seconds:0.0} s, tender p95 {m.TenderP95Seconds:0.0} s, {m.BusyRetries} calls retried after 'database is locked'");
        if (b is null)
        {
            yield return F($"e2e.tenders_rate={m.TendersPerMinute:0.0} tenders/min ({shape})");
            yield return F($"e2e.peak_working_set={m.PeakWorkingSetMb:0.0} MB (peak managed heap {m.PeakHeapMb:0.0} MB)");
            yield break;
        }

        yield return F($"e2e.tenders_rate={m.TendersPerMinute:0.0} tenders/min baseline.one_at_a_time_rate={b.TendersPerMinute:0.0} tenders/min ratio={r.Ratio:0.00} ({shape}; baseline: {b.Tenders} of the same tenders one after another)");
        yield return F($"e2e.peak_working_set={m.PeakWorkingSetMb:0.0} MB baseline.one_at_a_time_peak_working_set={b.PeakWorkingSetMb:0.0} MB ratio={m.PeakWorkingSetMb / b.PeakWorkingSetMb:0.00} (peak managed heap {m.PeakHeapMb:0.0} MB vs {b.PeakHeapMb:0.0} MB)");
    }

    /// <summary>Null when `/usr/bin/python3 -m aiosmtpd` can run here, else why not.</summary>
    private static async Task<string?> AiosmtpdProblemAsync(CancellationToken ct)
    {
        if (!File.Exists(LocalSmtpServer.Python)) return $"{LocalSmtpServer.Python} not found (the mail figure needs python3 and python3-aiosmtpd)";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(LocalSmtpServer.Python, ["-c", "import aiosmtpd"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = probe.StandardError.ReadToEndAsync(ct);
            await probe.WaitForExitAsync(ct);
            return probe.ExitCode == 0 ? null : $"{LocalSmtpServer.Python} -m aiosmtpd is not available ({(await error).Trim().Split('\n')[^1]}; install python3-aiosmtpd)";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{LocalSmtpServer.Python} could not run: {ex.Message}";
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
