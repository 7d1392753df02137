using System.Diagnostics;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Benchmarking.BidPacks;

/// <summary>
/// Assembles one pack for a generated opportunity (default 50 lots × 100 members): the bid pack, the pricing schedule,
/// the checks and every sub-contract (the checks read them), timed after two warm-up runs, with the managed heap sampled
/// throughout. The baseline, in the same run, writes the very same parts' XML into zips with System.IO.Compression:
/// the cost of the bytes alone, without templates, the DOM or the checks.
/// </summary>
public static class BidPackBenchmark
{
    public static BidPackBenchmarkResult Run(int lots = 50, int members = 100)
    {
        var templates = TemplateSet.Builtin();
        var assembler = new BidPackAssembler(templates, DocumentMapper.Create((string?)null, NullLoggerFactory.Instance));
        var (opportunity, generated) = BidPackScenario.Generated(lots, members);
        var input = BidPackScenario.Input(opportunity, generated);
        // Two unmeasured runs of the same size, so that JIT tiering is not charged to the measured one.
        assembler.Assemble(input, 1);
        assembler.Assemble(input, 1);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(2);
            }
        });
        var watch = Stopwatch.StartNew();
        var files = assembler.Assemble(input, 1);
        watch.Stop();
        stop.Cancel();
        sampler.Wait();
        peak = Math.Max(peak, GC.GetTotalMemory(false));

        var packages = new List<byte[]> { files.BidPack, files.Pricing };
        packages.AddRange(files.Subcontracts.Select(s => s.Bytes));
        var parts = packages.Select(Entries).ToList();
        Zip(parts); // warm-up of the baseline too
        var baseline = Stopwatch.StartNew();
        var zippedBytes = Zip(parts);
        baseline.Stop();

        using var process = Process.GetCurrentProcess();
        return new BidPackBenchmarkResult(lots, members, files.Subcontracts.Count, watch.Elapsed.TotalMilliseconds, (peak - before) / 1048576.0,
            process.PeakWorkingSet64 / 1048576.0, baseline.Elapsed.TotalMilliseconds, files.BidPack.Length + files.Pricing.Length + files.Subcontracts.Sum(s => s.Bytes.Length),
            zippedBytes, parts.Sum(p => p.Sum(e => e.Bytes.Length)));
    }

    private static List<(string Name, byte[] Bytes)> Entries(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    private static long Zip(List<List<(string Name, byte[] Bytes)>> packages)
    {
        long total = 0;
        foreach (var entries in packages)
        {
            using var output = new MemoryStream();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, bytes) in entries)
                {
                    using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                    stream.Write(bytes);
                }

            total += output.Length;
        }

        return total;
    }
}
