using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Host;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Api;

/// <summary>
/// An opportunity's documents as the bid-pack builder writes them under &lt;data&gt;/documents/&lt;opportunity id&gt;/:
/// bid-pack-v&lt;N&gt;.docx, pricing-v&lt;N&gt;.xlsx, checks-v&lt;N&gt;.json and subcontracts/&lt;member&gt;.docx. Only
/// names of those shapes are listed or served (no traversal, no temporary or hidden files), for the opportunity's
/// consortium and for advisers.
/// </summary>
public static partial class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/opportunities/{id}/documents", (string id, HttpContext http, NodeSettings node) =>
                // Paging is read first and through ApiGuard, so a bad ?page= is the 400 every other list gives.
                ApiGuard.RunAsync(() => Task.FromResult(List(id, http, node))))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Documents").WithSummary("The opportunity's bid packs, pricing workbooks, checks and sub-contracts (paged)");

        app.MapGet("/api/opportunities/{id}/documents/{name}", (string id, string name, NodeSettings node) =>
                Serve(FolderOf(node, id), name, PackFile()))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Documents").WithSummary("Download one bid-pack document by name, e.g. bid-pack-v2.docx");

        app.MapGet("/api/opportunities/{id}/documents/subcontracts/{name}", (string id, string name, NodeSettings node) =>
                Serve(Path.Combine(FolderOf(node, id), "subcontracts"), name, SubcontractFile()))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Documents").WithSummary("Download one member's sub-contract");
        return app;
    }

    private static IResult List(string id, HttpContext http, NodeSettings node)
    {
        var paging = Paging.From(http.Request);
        var folder = FolderOf(node, id);
        var files = new List<Document>();
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder).Where(p => PackFile().IsMatch(Path.GetFileName(p))))
                files.Add(Describe(id, path, null));
            var subcontracts = Path.Combine(folder, "subcontracts");
            if (Directory.Exists(subcontracts))
                foreach (var path in Directory.EnumerateFiles(subcontracts).Where(p => SubcontractFile().IsMatch(Path.GetFileName(p))))
                    files.Add(Describe(id, path, "subcontracts"));
        }

        var ordered = files.OrderBy(d => d.Kind, StringComparer.Ordinal).ThenByDescending(d => d.Version).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        var json = new Dictionary<string, object?> { ["opportunityId"] = id, ["documents"] = ordered.Skip(paging.Skip).Take(paging.PageSize).ToList() };
        foreach (var (k, v) in paging.Links(http.Request, ordered.Count)) json[k] = v;
        return Results.Json(json, DomainJson.Options);
    }

    /// <summary>The opportunity's folder. Ids are ours (resolved by the scope filter), but the name is still checked.</summary>
    private static string FolderOf(NodeSettings node, string id) =>
        Path.Combine(Path.GetFullPath(Path.Combine(node.DataFolder, "documents")), SafeSegment().IsMatch(id) ? id : "-");

    private static IResult Serve(string folder, string name, Regex allowed)
    {
        if (!allowed.IsMatch(name)) return Missing(name);
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return Missing(name);
        if (new FileInfo(path).LinkTarget is not null) return Missing(name);
        return Results.File(path, ContentType(name), name, enableRangeProcessing: false);
    }

    private static IResult Missing(string name) =>
        Results.Problem(title: "No such document", detail: $"name: no document '{(name.Length > 80 ? name[..80] + "…" : name)}'", statusCode: StatusCodes.Status404NotFound);

    private static Document Describe(string id, string path, string? sub)
    {
        var info = new FileInfo(path);
        var name = info.Name;
        var match = PackFile().Match(name);
        var kind = sub is not null ? "subcontract" : match.Groups["kind"].Value;
        int? version = match.Success ? int.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture) : null;
        var href = $"/api/opportunities/{Uri.EscapeDataString(id)}/documents/{(sub is null ? "" : sub + "/")}{Uri.EscapeDataString(name)}";
        return new Document(name, kind, version, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), ContentType(name), href);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private sealed record Document(string Name, string Kind, int? Version, long Bytes, DateTimeOffset ModifiedAt, string ContentType, string Href);

    [GeneratedRegex(@"^(?:(?<kind>bid-pack)-v(?<v>[1-9][0-9]{0,5})\.docx|(?<kind>pricing)-v(?<v>[1-9][0-9]{0,5})\.xlsx|(?<kind>checks)-v(?<v>[1-9][0-9]{0,5})\.json)$")]
    private static partial Regex PackFile();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,119}\.docx$")]
    private static partial Regex SubcontractFile();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex SafeSegment();
}
