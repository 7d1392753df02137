using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Api;

/// <summary>
/// Every list takes <c>?page=</c> (from 1) and <c>?pageSize=</c> (1–200, default 50) and answers, beside its items,
/// <c>total</c>, <c>page</c>, <c>pageSize</c> and <c>next</c> / <c>previous</c> (relative links, null at the ends).
/// </summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public static Paging From(HttpRequest request)
    {
        var problems = new List<string>();
        var page = Read(request, "page", 1, 1, 1_000_000, problems);
        var size = Read(request, "pageSize", DefaultPageSize, 1, MaxPageSize, problems);
        if (problems.Count > 0) throw new BadInputException(problems);
        return new Paging(page, size);
    }

    /// <summary>The paging fields to add to a list's JSON object.</summary>
    public Dictionary<string, object?> Links(HttpRequest request, int total) => new()
    {
        ["total"] = total,
        ["page"] = Page,
        ["pageSize"] = PageSize,
        ["next"] = Skip + PageSize < total ? Link(request, Page + 1) : null,
        ["previous"] = Page > 1 ? Link(request, Math.Min(Page - 1, Math.Max(1, (total + PageSize - 1) / PageSize))) : null,
    };

    private string Link(HttpRequest request, int page)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is "page" or "pageSize") continue;
            foreach (var value in values) query.Add(key, value ?? "");
        }

        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        query.Add("pageSize", PageSize.ToString(CultureInfo.InvariantCulture));
        return request.PathBase + request.Path + query.ToQueryString();
    }

    private static int Read(HttpRequest request, string name, int fallback, int min, int max, List<string> problems)
    {
        if (!request.Query.TryGetValue(name, out var values) || values.Count == 0) return fallback;
        if (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            problems.Add($"{name}: expected a whole number from {min} to {max:N0}, got '{Shorten(values.ToString())}'");
            return fallback;
        }

        return n;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
