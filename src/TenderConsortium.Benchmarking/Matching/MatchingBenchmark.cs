using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Benchmarking.Matching;

/// <summary>
/// One opportunity of ten lots (care, training, community, environmental, catering, horticulture, transport across
/// councils and all of Scotland) against a generated registry: index build time and memory, then p95 latency of a
/// whole-opportunity match through the index and by full scan, in the same run. The two must agree.
/// </summary>
public static class MatchingBenchmark
{
    public static Task<MatchingBenchmarkResult> RunAsync(int members = 1_000_000, int lots = 10, int queries = 200, CancellationToken ct = default)
    {
        var registry = new MemberGenerator(seed: 7).Generate(members)
            .Select(m => new MatchMember(m.RegistrationNumber, m))
            .ToList();
        var opportunity = Opportunity(lots);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = MemberIndex.Build(registry);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        var matcher = new PartnerMatcher(index);
        var indexed = matcher.Match("bench", opportunity);
        var scanned = matcher.FullScan("bench", opportunity);
        if (JsonSerializer.Serialize(indexed, DomainJson.Options) != JsonSerializer.Serialize(scanned, DomainJson.Options))
            throw new InvalidOperationException("the index and the full scan disagree");

        var indexTimes = Time(queries, () => matcher.Match("bench", opportunity), ct);
        var scanTimes = Time(Math.Max(5, Math.Min(queries, 20)), () => matcher.FullScan("bench", opportunity), ct);
        return Task.FromResult(new MatchingBenchmarkResult(members, lots, buildSeconds, indexBytes / 1024.0 / 1024.0, P95(indexTimes), P95(scanTimes),
            indexed.Lots.Sum(l => l.Candidates.Count)));
    }

    private static List<double> Time(int runs, Func<MatchResult> match, CancellationToken ct)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            match();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double P95(List<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
    }

    private static Opportunity Opportunity(int lots)
    {
        (string Title, string Cpv, string Place)[] shapes =
        [
            ("Care at home for older people", "85311000", "S12000049"),
            ("Respite and short breaks for families", "85312000", "S12000036"),
            ("Employability and adult learning", "80530000", "S12000047"),
            ("Community advice and welfare rights", "98000000", "S12000017"),
            ("Recycling of bulky household waste", "90513000", "S12000021"),
            ("School meals and event catering", "55520000", "S12000033"),
            ("Grounds maintenance of sheltered housing", "77314000", "S12000042"),
            ("Community transport for older and disabled people", "60130000", "S92000003"),
            ("Befriending for isolated older people", "85320000", "S12000023"),
            ("Horticultural therapy and growing projects", "77310000", "S12000026"),
        ];
        return new Opportunity
        {
            Source = NoticeSource.Manual,
            Ocid = "bench-matching",
            Buyer = new Buyer(null, "Bench Council"),
            Title = "Community services framework",
            Description = "Services delivered by local social enterprises.",
            Deadline = new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero),
            Lots = Enumerable.Range(0, lots).Select(i =>
            {
                var shape = shapes[i % shapes.Length];
                return new Lot
                {
                    Id = (i + 1).ToString(CultureInfo.InvariantCulture),
                    Title = shape.Title,
                    Description = $"{shape.Title} delivered by local organisations.",
                    Value = new Money(50_000m * (i + 1), "GBP"),
                    Cpv = [shape.Cpv],
                    Places = [shape.Place],
                };
            }).ToList(),
        };
    }
}

public sealed record MatchingBenchmarkResult(int Members, int Lots, double IndexBuildSeconds, double IndexMegabytes, double P95Milliseconds, double FullScanP95Milliseconds, int Shortlisted)
{
    public double Ratio => FullScanP95Milliseconds / P95Milliseconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"matching.members={Members} matching.lots={Lots} matching.index_build_s={IndexBuildSeconds:0.00} matching.index_mb={IndexMegabytes:0.0} matching.p95_ms={P95Milliseconds:0.00} baseline.fullscan_p95_ms={FullScanP95Milliseconds:0.00} ratio={Ratio:0.0}");
}
