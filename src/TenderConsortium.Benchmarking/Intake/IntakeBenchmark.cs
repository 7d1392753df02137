using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Benchmarking.Intake;

/// <summary>
/// Imports one release package of N generated releases and a registry of M generated members into a fresh SQLite
/// file, timing each and sampling the managed heap throughout. Streaming shows as a peak heap that stays far below
/// the file sizes and does not grow with N or M.
/// </summary>
public static class IntakeBenchmark
{
    public static async Task<IntakeBenchmarkResult> RunAsync(string folder, int releases = 10_000, int members = 100_000, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var packagePath = Path.Combine(folder, "package.json");
        var membersPath = Path.Combine(folder, "members.csv");
        await WritePackageAsync(packagePath, releases, ct);
        await MemberFileWriter.WriteAsync(new MemberGenerator(seed: 1).Generate(members), membersPath, ct);
        var connection = DatabaseConnection.ForDataFolder(folder);
        await TenderDatabase.MigrateAsync(connection, ct);

        // Warm-up on a handful so that JIT and EF model building are not charged to the measured runs.
        await WritePackageAsync(Path.Combine(folder, "warm.json"), 5, ct, ocidPrefix: "ocds-warm");
        await new OpportunityImporter(connection).ImportFileAsync(Path.Combine(folder, "warm.json"), ct);

        var (releaseSeconds, releaseHeap, imported) = await MeasureAsync(async () => (await new OpportunityImporter(connection).ImportFileAsync(packagePath, ct)).Total);
        var (memberSeconds, memberHeap, importedMembers) = await MeasureAsync(async () => (await new MemberImporter(connection).ImportFileAsync(membersPath, cancellationToken: ct)).Total);
        if (imported != releases || importedMembers != members)
            throw new InvalidOperationException($"imported {imported}/{releases} releases and {importedMembers}/{members} members");

        using var process = Process.GetCurrentProcess();
        return new IntakeBenchmarkResult(
            releases,
            releaseSeconds,
            new FileInfo(packagePath).Length,
            members,
            memberSeconds,
            new FileInfo(membersPath).Length,
            Math.Max(releaseHeap, memberHeap),
            process.PeakWorkingSet64);
    }

    private static async Task<(double Seconds, long PeakHeapBytes, int Count)> MeasureAsync(Func<Task<int>> import)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peak = GC.GetTotalMemory(forceFullCollection: true);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        var count = await import();
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        return (watch.Elapsed.TotalSeconds, peak, count);
    }

    /// <summary>A package of realistic releases (1-3 lots, CPV codes from social-care divisions, Scottish regions), written as a stream.</summary>
    public static async Task WritePackageAsync(string path, int count, CancellationToken ct = default, string ocidPrefix = "ocds-bench")
    {
        var random = new Random(count);
        var councils = ScottishPlaces.Default.Councils;
        var codes = new[] { "85311000", "85312000", "85320000", "80500000", "98000000", "90910000", "55520000", "77310000", "60130000" };
        await using var file = File.Create(path);
        await using var writer = new Utf8JsonWriter(file);
        writer.WriteStartObject();
        writer.WriteString("uri", "https://example.org/bench/package.json");
        writer.WriteString("publishedDate", "2025-01-01T00:00:00Z");
        writer.WriteStartArray("releases");
        for (var i = 0; i < count; i++)
        {
            var lots = random.Next(1, 4);
            var council = councils[random.Next(councils.Count)];
            writer.WriteStartObject();
            writer.WriteString("ocid", $"{ocidPrefix}-{i:D7}");
            writer.WriteString("id", $"release-{i}");
            writer.WriteString("date", "2025-01-15T09:00:00Z");
            writer.WriteStartArray("tag");
            writer.WriteStringValue("tender");
            writer.WriteEndArray();
            writer.WriteStartObject("buyer");
            writer.WriteString("id", $"org-{council.Code}");
            writer.WriteString("name", council.Name + " Council");
            writer.WriteEndObject();
            writer.WriteStartArray("parties");
            writer.WriteStartObject();
            writer.WriteString("id", $"org-{council.Code}");
            writer.WriteString("name", council.Name + " Council");
            writer.WriteStartArray("roles");
            writer.WriteStringValue("buyer");
            writer.WriteEndArray();
            writer.WriteStartObject("address");
            writer.WriteString("region", "UK" + council.Itl3Codes[0][2..]);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("description", "Community benefits are included in this requirement. The buyer considers that this contract is suitable for consortia.");
            writer.WriteStartObject("tender");
            writer.WriteString("id", $"REF-{i}");
            writer.WriteString("title", $"Support services {i} for {council.Name}");
            writer.WriteString("description", "Care and support at home for adults, delivered by local providers with a focus on outcomes and wellbeing.");
            WriteValue(writer, "value", 50_000m * lots * (1 + random.Next(20)));
            writer.WriteStartObject("tenderPeriod");
            writer.WriteString("endDate", new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddDays(random.Next(90)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartObject("classification");
            writer.WriteString("scheme", "CPV");
            writer.WriteString("id", codes[random.Next(codes.Length)]);
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            for (var lot = 1; lot <= lots; lot++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", lot.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("relatedLot", lot.ToString(CultureInfo.InvariantCulture));
                writer.WriteStartArray("additionalClassifications");
                writer.WriteStartObject();
                writer.WriteString("scheme", "CPV");
                writer.WriteString("id", codes[random.Next(codes.Length)]);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteStartArray("deliveryAddresses");
                writer.WriteStartObject();
                writer.WriteString("region", council.Itl3Codes[0]);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("lots");
            for (var lot = 1; lot <= lots; lot++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", lot.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("title", $"Lot {lot}");
                WriteValue(writer, "value", 50_000m * (1 + random.Next(20)));
                writer.WriteStartObject("awardCriteria");
                writer.WriteStartArray("criteria");
                writer.WriteStartObject();
                writer.WriteString("type", "quality");
                writer.WriteString("description", "70");
                writer.WriteEndObject();
                writer.WriteStartObject();
                writer.WriteString("type", "price");
                writer.WriteString("description", "30");
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            if (i % 500 == 0) await writer.FlushAsync(ct);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, decimal amount)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("amount", amount);
        writer.WriteString("currency", "GBP");
        writer.WriteEndObject();
    }
}

public sealed record IntakeBenchmarkResult(
    int Releases,
    double ReleasesSeconds,
    long PackageBytes,
    int Members,
    double MembersSeconds,
    long MembersFileBytes,
    long PeakManagedHeapBytes,
    long PeakWorkingSetBytes)
{
    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"intake.releases_{Releases}_s={ReleasesSeconds:0.00} intake.members_{Members}_s={MembersSeconds:0.00} intake.peak_mb={Mb(PeakManagedHeapBytes):0.0} "
        + $"intake.package_mb={Mb(PackageBytes):0.0} intake.members_file_mb={Mb(MembersFileBytes):0.0} intake.peak_working_set_mb={Mb(PeakWorkingSetBytes):0.0}");
}
