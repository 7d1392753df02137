using System.IO.Compression;

namespace TenderConsortium.Documents.OpenXml;

/// <summary>
/// Rewrites an Office package so that the same parts always give the same bytes. System.IO.Packaging stamps zip
/// entries with the current time and writes them in an order of its own; here every entry gets one fixed time (derived
/// from the inputs by the caller) and a fixed order: [Content_Types].xml first, as some readers expect, then the
/// package relationships, then the rest by name.
/// </summary>
public static class DeterministicPackage
{
    private static readonly DateTimeOffset Earliest = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalise(byte[] package, DateTimeOffset stamp)
    {
        var time = EntryTime(stamp);
        using var source = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        var output = new MemoryStream(package.Length);
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(Rank).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = time;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    /// <summary>Zip times are local date and time to two seconds; a day of the stamp, in UTC, is exact and the same everywhere.</summary>
    public static DateTimeOffset EntryTime(DateTimeOffset stamp) =>
        stamp < Earliest ? Earliest : new DateTimeOffset(stamp.UtcDateTime.Date, TimeSpan.Zero);

    public static int Rank(ZipArchiveEntry entry) => entry.FullName switch
    {
        "[Content_Types].xml" => 0,
        "_rels/.rels" => 1,
        _ => 2,
    };
}
