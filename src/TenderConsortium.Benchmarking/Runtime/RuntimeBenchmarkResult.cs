using System.Globalization;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>Resumes per second with <see cref="Callers"/> instances resumed at once, and the bare rate measured just before.</summary>
public sealed record ConcurrentFigure(int Callers, double ResumesPerSecond, double BaselineTransactionsPerSecond)
{
    public double Ratio => ResumesPerSecond / BaselineTransactionsPerSecond;
}

public sealed record RuntimeBenchmarkResult(
    double ResumesPerSecond,
    double BaselineTransactionsPerSecond,
    double Ratio,
    double StartToBookmarkP95Ms,
    IReadOnlyList<ConcurrentFigure> Concurrent,
    double WalFramesPerCommit,
    double CpuMsPerResume,
    int Resumes,
    IReadOnlyList<(string Tree, double Frames)>? FramesByTree = null)
{
    /// <summary>One figure a line, each with the baseline it is compared with.</summary>
    public IEnumerable<string> Lines()
    {
        yield return F($"runtime.resume_rate={ResumesPerSecond:0} resumes/s baseline.sqlite_tx_rate={BaselineTransactionsPerSecond:0} tx/s ratio={Ratio:0.00} ({Resumes:N0} resumes of one instance)");
        foreach (var c in Concurrent)
            yield return F($"runtime.resume_rate.c{c.Callers}={c.ResumesPerSecond:0} resumes/s baseline.sqlite_tx_rate={c.BaselineTransactionsPerSecond:0} tx/s ratio={c.Ratio:0.00} ({c.Callers} instances resumed at once)");
        var trees = FramesByTree is { Count: > 0 } t ? "; " + string.Join(", ", t.Select(x => F($"{x.Tree} {x.Frames:0.0}"))) : "";
        yield return F($"runtime.wal_frames_per_commit={WalFramesPerCommit:0.0} (pages one resume writes, read from the WAL{trees})");
        yield return F($"runtime.cpu_ms_per_resume={CpuMsPerResume:0.000} (process CPU time per resume of one instance; fsync waits are not CPU)");
        yield return F($"runtime.start_to_bookmark_p95_ms={StartToBookmarkP95Ms:0.00}");
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
