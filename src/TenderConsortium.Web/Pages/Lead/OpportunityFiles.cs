using TenderConsortium.Host;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>An opportunity's documents under &lt;data&gt;/documents/&lt;opportunity&gt;/ (bid packs, pricing, checks, sub-contracts), by relative path.</summary>
public static class OpportunityFiles
{
    public static string Folder(NodeSettings node, string opportunityId) => Documents(node).FolderOf(opportunityId);

    public static IReadOnlyList<string> List(NodeSettings node, string opportunityId) => Documents(node).List(opportunityId);

    private static Application.Bids.BidDocuments Documents(NodeSettings node) => new(node.ResolvedDocumentsFolder);

    /// <summary>The file when it is one of the listed documents; never anything outside the folder.</summary>
    public static string? Find(NodeSettings node, string opportunityId, string relative) =>
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
