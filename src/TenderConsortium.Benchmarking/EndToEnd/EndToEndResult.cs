using System.Globalization;

namespace TenderConsortium.Benchmarking.EndToEnd;

/// <summary>Sizes and where the node keeps its data; folders are found (./workflows, beside the binary, the repository) when not given.</summary>
public sealed record EndToEndOptions
{
    /// <summary>Tenders run concurrently (the measured figure).</summary>
    public int Tenders { get; init; } = 100;

    public int MembersPerTender { get; init; } = 20;

    /// <summary>Tenders run one after another in the same run, for the baseline; 0 for none.</summary>
    public int BaselineTenders { get; init; } = 3;

    /// <summary>One unmeasured tender first, so that JIT and EF Core's first queries are not charged to the baseline.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>The node's data folder; a fresh temporary folder (deleted afterwards) when null.</summary>
    public string? Folder { get; init; }

    public string? WorkflowsFolder { get; init; }
    public string? TemplatesFolder { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// One bid: how many sub-contracts it issued, how many answers its people gave, how many of their calls SQLite refused
/// as locked (after its 30 s busy timeout) and were made again, and the bid's own wall time.
/// </summary>
public sealed record EndToEndTender(string OpportunityId, Guid InstanceId, int Subcontracts, int Answers, int BusyRetries, double Seconds);

/// <summary>
/// One timed group of tenders, from the first start to the last email in the pickup folder (<see cref="Seconds"/>);
/// <see cref="BidsSeconds"/> is when the last bid finished, the rest is the outbox catching up.
/// </summary>
public sealed record EndToEndPhase(int Tenders, double Seconds, double BidsSeconds, double PeakHeapMb, double PeakWorkingSetMb, int Emails, IReadOnlyList<EndToEndTender> Outcomes)
{
    public double TendersPerMinute => Seconds <= 0 ? 0 : Tenders * 60 / Seconds;

    public int Subcontracts => Outcomes.Sum(o => o.Subcontracts);

    public int BusyRetries => Outcomes.Sum(o => o.BusyRetries);

    public double TenderP95Seconds
    {
        get
        {
            var sorted = Outcomes.Select(o => o.Seconds).Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
        }
    }
}

/// <summary>
/// One run of <see cref="EndToEndBenchmark"/>: the concurrent tenders and the one-at-a-time baseline. Ratio is the
/// concurrent rate over the baseline's (above 1: running bids side by side is faster than in turn).
/// </summary>
public sealed record EndToEndResult(int Tenders, int MembersPerTender, EndToEndPhase Measured, EndToEndPhase? Baseline)
{
    public double TendersPerMinute => Measured.TendersPerMinute;

    public double? Ratio => Baseline is { TendersPerMinute: > 0 } b ? Measured.TendersPerMinute / b.TendersPerMinute : null;

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"e2e.tenders={Tenders} e2e.members_per_tender={MembersPerTender} e2e.tenders_per_min={TendersPerMinute:0.0} e2e.wall_s={Measured.Seconds:0.0} e2e.bids_done_s={Measured.BidsSeconds:0.0} " +
            $"e2e.tender_p95_s={Measured.TenderP95Seconds:0.0} e2e.peak_heap_mb={Measured.PeakHeapMb:0.0} e2e.peak_working_set_mb={Measured.PeakWorkingSetMb:0.0} " +
            $"e2e.subcontracts={Measured.Subcontracts} e2e.emails={Measured.Emails} e2e.busy_retries={Measured.BusyRetries}");
        if (Baseline is { } b)
            text += string.Create(CultureInfo.InvariantCulture,
                $" baseline.one_at_a_time_tenders={b.Tenders} baseline.one_at_a_time_tenders_per_min={b.TendersPerMinute:0.0} " +
                $"baseline.one_at_a_time_peak_working_set_mb={b.PeakWorkingSetMb:0.0} ratio={Ratio:0.00}");
        return text;
    }
}
