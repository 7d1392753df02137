namespace TenderConsortium.Web.Pages.Lead;

/// <summary>An opportunity's documents under &lt;data&gt;/documents/&lt;opportunity&gt;/ (bid packs, pricing, checks, sub-contracts), by relative path.</summary>
public static class OpportunityFiles
{
    private static readonly string[] Shown = [".docx", ".xlsx", ".pdf", ".json", ".csv"];

    public static string Folder(Composition.NodeSettings node, string opportunityId) => Path.Combine(node.DataFolder, "documents", opportunityId);

    public static IReadOnlyList<string> List(Composition.NodeSettings node, string opportunityId)
    {
        if (Path.GetFileName(opportunityId) != opportunityId) return [];
        var folder = Folder(node, opportunityId);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
            .Where(f => Shown.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !f.Contains(Path.DirectorySeparatorChar + "preview" + Path.DirectorySeparatorChar))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The file when it is one of the listed documents; never anything outside the folder.</summary>
    public static string? Find(Composition.NodeSettings node, string opportunityId, string relative) =>
        List(node, opportunityId).Contains(relative, StringComparer.Ordinal) ? Path.Combine(Folder(node, opportunityId), relative.Replace('/', Path.DirectorySeparatorChar)) : null;

    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pdf" => "application/pdf",
        ".json" => "application/json",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
