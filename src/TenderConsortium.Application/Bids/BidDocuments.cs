using System.Globalization;
using System.Text.Json;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Application.Bids;

/// <summary>
/// An opportunity's documents under &lt;documents&gt;/&lt;opportunity&gt;/ (bid packs, pricing, checks, sub-contracts)
/// as relative paths: what the lead's page links to and what `bid show` lists.
/// </summary>
public sealed class BidDocuments(string documentsRoot)
{
    private static readonly string[] Shown = [".docx", ".xlsx", ".pdf", ".json", ".csv"];

    public string FolderOf(string opportunityId) => Path.Combine(documentsRoot, opportunityId);

    public IReadOnlyList<string> List(string opportunityId)
    {
        if (Path.GetFileName(opportunityId) != opportunityId) return [];
        var folder = FolderOf(opportunityId);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
            .Where(f => Shown.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !f.Contains(Path.DirectorySeparatorChar + "preview" + Path.DirectorySeparatorChar))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest bid pack's version, from its file name (bid-pack-vN.docx); 0 when none was written.</summary>
    public int LatestPackVersion(string opportunityId) => List(opportunityId)
        .Select(f => f.StartsWith("bid-pack-v", StringComparison.Ordinal) && f.EndsWith(".docx", StringComparison.Ordinal)
            && int.TryParse(f["bid-pack-v".Length..^".docx".Length], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
        .DefaultIfEmpty(0).Max();

    /// <summary>
    /// The automatic checks saved beside pack version <paramref name="version"/> (checks-vN.json), or null when that
    /// version has none (no pack yet, or a file that cannot be read: then there is nothing to hold the bid to).
    /// </summary>
    public BidPackChecks? ChecksOf(string opportunityId, int version)
    {
        if (version <= 0 || Path.GetFileName(opportunityId) != opportunityId) return null;
        var path = Path.Combine(FolderOf(opportunityId), string.Create(CultureInfo.InvariantCulture, $"checks-v{version}.json"));
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BidPackChecks>(File.ReadAllBytes(path), DomainJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The checks of the newest pack: what a submission is held to.</summary>
    public BidPackChecks? LatestChecks(string opportunityId) => ChecksOf(opportunityId, LatestPackVersion(opportunityId));
}
