using System.Globalization;

namespace TenderConsortium.Benchmarking.BidPacks;

/// <summary>
/// One run of <see cref="BidPackBenchmark"/>. Ratio is the pack's time over the baseline's: how much the templates,
/// the document model and the checks cost on top of zipping the same XML.
/// </summary>
public sealed record BidPackBenchmarkResult(
    int Lots,
    int Members,
    int Subcontracts,
    double PackMs,
    double PeakHeapMb,
    double PeakWorkingSetMb,
    double BaselineMs,
    long OutputBytes,
    long BaselineBytes,
    long XmlBytes)
{
    public double Ratio => BaselineMs <= 0 ? 0 : PackMs / BaselineMs;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"bidpack.lots={Lots} bidpack.members={Members} bidpack.subcontracts={Subcontracts} bidpack.assemble_ms={PackMs:0.0} bidpack.peak_heap_mb={PeakHeapMb:0.0} " +
        $"bidpack.peak_working_set_mb={PeakWorkingSetMb:0.0} bidpack.output_kb={OutputBytes / 1024.0:0} bidpack.xml_kb={XmlBytes / 1024.0:0} " +
        $"baseline.zip_same_parts_ms={BaselineMs:0.0} baseline.zip_kb={BaselineBytes / 1024.0:0} ratio={Ratio:0.0}");
}
