using System.Globalization;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>Resumes per second with <see cref="Callers"/> instances resumed at once, and the bare rate measured just before.</summary>
public sealed record ConcurrentFigure(int Callers, double ResumesPerSecond, double BaselineTransactionsPerSecond)
{
    public double Ratio => ResumesPerSecond / BaselineTransactionsPerSecond;
}

/// <summary>What one resume costs besides the disk: memory allocated, collections, and its time without fsync.</summary>
public sealed record ResumeWork(double AllocatedKbPerResume, double Gen0PerThousand, double? MsPerResumeWithoutFsync);

/// <summary>How long the warm-up ran, and whether the JIT had gone quiet by its end (false: stopped at the bound).</summary>
public sealed record WarmUpFigure(double Seconds, bool JitQuiet);

public sealed record RuntimeBenchmarkResult(
    double ResumesPerSecond,
    double BaselineTransactionsPerSecond,
    double Ratio,
    double StartToBookmarkP95Ms,
    IReadOnlyList<ConcurrentFigure> Concurrent,
    double WalFramesPerCommit,
    double CpuMsPerResume,
    int Resumes,
    IReadOnlyList<(string Tree, double Frames)>? FramesByTree = null,
    ResumeWork? Work = null,
    WarmUpFigure? WarmUp = null)
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
        if (Work is { } work)
        {
            yield return F($"runtime.alloc_kb_per_resume={work.AllocatedKbPerResume:0.0} (managed memory allocated per resume; gen0 collections per 1,000 resumes {work.Gen0PerThousand:0.0})");
            if (work.MsPerResumeWithoutFsync is { } floor)
                yield return F($"runtime.ms_per_resume.no_fsync={floor:0.000} (one instance's resume with fsync taken out: the same loop on memory-backed storage; against {1000 / ResumesPerSecond:0.000} ms on disk)");
        }

        yield return F($"runtime.start_to_bookmark_p95_ms={StartToBookmarkP95Ms:0.00}");
        if (WarmUp is { } warm)
            yield return F($"runtime.warm_up_s={warm.Seconds:0.0} ") + (warm.JitQuiet
                ? "(until the JIT had compiled nothing new for a second)"
                : "(stopped at its bound with the JIT still compiling: the figures above include some of its work)");
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
