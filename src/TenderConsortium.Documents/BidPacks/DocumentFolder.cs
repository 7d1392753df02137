using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Subcontracts;

namespace TenderConsortium.Documents.BidPacks;

/// <summary>
/// An opportunity's documents under &lt;data&gt;/documents/&lt;opportunity&gt;/: bid-pack-v&lt;N&gt;.docx,
/// pricing-v&lt;N&gt;.xlsx, checks-v&lt;N&gt;.json and subcontracts/&lt;member&gt;.docx. Every revision is a new version
/// and earlier ones stay. A version is reserved by creating .versions/v&lt;N&gt; exclusively, holding its owner (a
/// workflow run), so a run re-executed after a crash gets its own version back and overwrites its own files, never
/// another's; files are written to a temporary name and renamed, so a reader never sees half a document.
/// </summary>
public sealed partial class DocumentFolder(string documentsFolder)
{
    public string Root { get; } = Path.GetFullPath(documentsFolder);

    public string FolderOf(string opportunityId) => Path.Combine(Root, FileNames.Safe(opportunityId, "opportunity"));

    /// <summary>The version for <paramref name="owner"/> (the same one again if it already has one), else the next free.</summary>
    public int ReserveVersion(string opportunityId, string owner)
    {
        var versions = Path.Combine(FolderOf(opportunityId), ".versions");
        Directory.CreateDirectory(versions);
        var taken = new List<int>();
        foreach (var file in Directory.EnumerateFiles(versions, "v*"))
        {
            if (!int.TryParse(Path.GetFileName(file)[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
            taken.Add(n);
            if (File.ReadAllText(file) == owner) return n;
        }

        taken.AddRange(Directory.EnumerateFiles(FolderOf(opportunityId), "bid-pack-v*.docx")
            .Select(f => VersionOf().Match(Path.GetFileName(f))).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        for (var version = taken.DefaultIfEmpty(0).Max() + 1; ; version++)
        {
            try
            {
                using var stream = new FileStream(Path.Combine(versions, "v" + version.ToString(CultureInfo.InvariantCulture)), FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(owner);
                return version;
            }
            catch (IOException) when (File.Exists(Path.Combine(versions, "v" + version.ToString(CultureInfo.InvariantCulture))))
            {
                // Another run took this number between our listing and our create; try the next.
            }
        }
    }

    public BidPackWritten WritePack(string opportunityId, int version, BidPackFiles files)
    {
        var folder = FolderOf(opportunityId);
        var v = version.ToString(CultureInfo.InvariantCulture);
        var pack = Write(folder, $"bid-pack-v{v}.docx", files.BidPack);
        // The reliability suite kills the process here: the pack is on disk, the burst that wrote it is not committed.
        Workflows.Engine.CrashPoints.Hit("document-written");
        var pricing = Write(folder, $"pricing-v{v}.xlsx", files.Pricing);
        var checks = Write(folder, $"checks-v{v}.json", files.ChecksJson);
        return new BidPackWritten(version, folder, pack, pricing, checks, []);
    }

    /// <summary>Writes the sub-contracts issued now and removes any left from an earlier issue, so the folder shows exactly the current ones.</summary>
    public IReadOnlyList<string> WriteSubcontracts(string opportunityId, IReadOnlyList<SubcontractFile> subcontracts)
    {
        var folder = Path.Combine(FolderOf(opportunityId), "subcontracts");
        Directory.CreateDirectory(folder); // an award with no member volume issues none, and that is not an error
        var written = subcontracts.Select(s => Write(folder, s.FileName, s.Bytes)).ToList();
        foreach (var stale in Directory.EnumerateFiles(folder, "*.docx").Except(written, StringComparer.Ordinal).ToList())
            File.Delete(stale);
        // Files are named for people (registration number); the index lets a member's link find its own.
        var index = subcontracts.Select((s, i) => (s.MemberId, Name: Path.GetFileName(written[i]))).ToDictionary(x => x.MemberId, x => x.Name, StringComparer.Ordinal);
        Write(folder, SubcontractIndex, JsonSerializer.SerializeToUtf8Bytes(index));
        return written;
    }

    /// <summary>The member's current sub-contract, or null when none was issued to it.</summary>
    public string? SubcontractOf(string opportunityId, string memberId)
    {
        var folder = Path.Combine(FolderOf(opportunityId), "subcontracts");
        var index = Path.Combine(folder, SubcontractIndex);
        if (!File.Exists(index)) return null;
        var names = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(index));
        if (names is null || !names.TryGetValue(memberId, out var name) || Path.GetFileName(name) != name) return null;
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Not a document (the lead's page lists .docx, .xlsx, .json…): member id → file name.</summary>
    private const string SubcontractIndex = "members.index";

    private static string Write(string folder, string name, byte[] bytes)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    [GeneratedRegex(@"^bid-pack-v(\d+)\.docx$")]
    private static partial Regex VersionOf();
}
