using System.Globalization;
using System.Text.RegularExpressions;

namespace TenderConsortium.Documents.Revisions;

/// <summary>The changes between a pack version in an opportunity's folder and the version before it (bid-pack-vN.docx).</summary>
public static partial class PackRevisions
{
    /// <summary>Null when <paramref name="version"/> is the first, or its file or the previous one cannot be read.</summary>
    public static PackChanges? SincePrevious(string folder, int version)
    {
        if (!Directory.Exists(folder)) return null;
        var previous = Directory.EnumerateFiles(folder, "bid-pack-v*.docx")
            .Select(f => Version().Match(Path.GetFileName(f))).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(v => v < version).DefaultIfEmpty(0).Max();
        if (previous == 0) return null;
        try
        {
            return PackChanges.Compare(previous, PackSections.Read(PathOf(folder, previous)), version, PackSections.Read(PathOf(folder, version)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return null; // a missing or unreadable version has no comparison to show; the documents are still listed
        }
    }

    private static string PathOf(string folder, int version) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"bid-pack-v{version}.docx"));

    [GeneratedRegex(@"^bid-pack-v(\d{1,6})\.docx$")]
    private static partial Regex Version();
}
