using System.Text.RegularExpressions;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// A document's name in words for the lead ("Bid pack, version 2 (Word)") instead of its file name
/// ("bid-pack-v2.docx"); machine files (the checks' data, in JSON) are for the adviser's page and the API, so they have none.
/// </summary>
public static partial class DocumentTitle
{
    public static string? Of(string relative)
    {
        var kind = Path.GetExtension(relative).ToLowerInvariant() switch
        {
            ".docx" => "Word",
            ".xlsx" => "Excel",
            ".pdf" => "PDF",
            ".csv" => "spreadsheet",
            _ => null,
        };
        if (kind is null) return null;
        var name = Path.GetFileNameWithoutExtension(relative);
        var versioned = Versioned().Match(name);
        var what = Words(versioned.Success ? versioned.Groups["what"].Value : name);
        return versioned.Success ? $"{what}, version {versioned.Groups["version"].Value} ({kind})" : $"{what} ({kind})";
    }

    private static string Words(string slug)
    {
        if (slug == "pricing") return "Pricing schedule";
        var words = slug.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Document" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex(@"^(?<what>.+)-v(?<version>\d+)$")]
    private static partial Regex Versioned();
}
