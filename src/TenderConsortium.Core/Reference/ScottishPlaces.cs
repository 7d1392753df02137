using System.Text;

namespace TenderConsortium.Core.Reference;

/// <summary>
/// Maps what notices and members write about places (NUTS 2016 and ITL 2021 codes, council names in their many
/// spellings, S12 codes) to council-area codes. All of Scotland is <see cref="ScotlandCode"/> rather than 32 codes so
/// that "anywhere in Scotland" stays distinguishable from "every council listed one by one".
/// </summary>
public sealed class ScottishPlaces
{
    public const string ScotlandCode = "S92000003";

    private static readonly Lazy<ScottishPlaces> Shared = new(Load);

    // Names people use that differ from the ONS names once "Council"/"Council Area" are dropped.
    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("edinburgh", "S12000036"), ("edinburgh city", "S12000036"), ("glasgow", "S12000049"), ("city of glasgow", "S12000049"),
        ("dundee", "S12000042"), ("aberdeen", "S12000033"), ("western isles", "S12000013"), ("eilean siar", "S12000013"),
        ("comhairle nan eilean siar", "S12000013"), ("orkney", "S12000023"), ("shetland", "S12000027"), ("borders", "S12000026"),
        ("argyll", "S12000035"), ("perth", "S12000048"),
    ];

    private readonly Dictionary<string, CouncilArea> _byCode;
    private readonly Dictionary<string, CouncilArea> _byName;
    private readonly Dictionary<string, IReadOnlyList<string>> _byRegionCode;

    private ScottishPlaces(IReadOnlyList<CouncilArea> councils, Dictionary<string, IReadOnlyList<string>> byRegionCode)
    {
        Councils = councils;
        _byCode = councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byName = councils.ToDictionary(c => NormaliseName(c.Name), StringComparer.Ordinal);
        foreach (var (alias, code) in Aliases) _byName.TryAdd(alias, _byCode[code]);
        _byRegionCode = byRegionCode;
    }

    public static ScottishPlaces Default => Shared.Value;

    public IReadOnlyList<CouncilArea> Councils { get; }

    public CouncilArea? FindByCode(string code) => _byCode.GetValueOrDefault(code.Trim());

    /// <summary>A council named exactly (after dropping "Council", "Council Area", a "Lot 3 -" prefix, bracketed asides).</summary>
    public CouncilArea? FindByName(string text) => _byName.GetValueOrDefault(NormaliseName(text));

    /// <summary>
    /// Council codes for a place written as an S12 code, a Scottish NUTS/ITL code or a council name; [S92000003] for
    /// all of Scotland; null when the text is not a Scottish place we know (a caller keeps it as given).
    /// </summary>
    public IReadOnlyList<string>? Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Equals(ScotlandCode, StringComparison.OrdinalIgnoreCase) || NormaliseName(trimmed) == "scotland") return [ScotlandCode];
        if (_byCode.TryGetValue(trimmed, out var council)) return [council.Code];
        if (_byRegionCode.TryGetValue(trimmed.ToUpperInvariant(), out var codes)) return codes;
        return FindByName(trimmed) is { } named ? [named.Code] : null;
    }

    public string NameOf(string code) =>
        code == ScotlandCode ? "Scotland" : _byCode.TryGetValue(code, out var council) ? council.Name : code;

    internal static string NormaliseName(string text)
    {
        var s = text.ToLowerInvariant().Replace("&", " and ");
        var paren = s.IndexOf('(');
        if (paren > 0) s = s[..paren];
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s) sb.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count >= 2 && words[0] == "lot" && words[1].All(char.IsDigit)) words.RemoveRange(0, 2);
        if (words.Count > 0 && words[0] == "the") words.RemoveAt(0);
        if (words.Count > 0 && words[^1] == "area") words.RemoveAt(words.Count - 1);
        if (words.Count > 0 && words[^1] == "council") words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private static ScottishPlaces Load()
    {
        var councils = ReferenceData.ReadCsv("scotland_council_areas.csv")
            .Select(r => new CouncilArea(r["council_area_code"], r["council_area_name"], Split(r["itl3_2021_codes"]), Split(r["itl2_2021_codes"])))
            .ToList();

        // ITL 2021 codes are the NUTS 2016 codes with TL for UK; both spellings appear in notices.
        var regions = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in ReferenceData.ReadCsv("scotland_itl3_nuts3.csv"))
        {
            var members = Split(row["council_area_codes"]);
            foreach (var key in new[] { row["itl3_2021_code"], row["nuts3_2016_code"], row["itl2_2021_code"], row["nuts2_2016_code"] })
            {
                if (!regions.TryGetValue(key, out var list)) regions[key] = list = [];
                list.AddRange(members.Where(m => !list.Contains(m)));
            }
        }

        var byRegion = regions.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<string>)kv.Value.OrderBy(c => c, StringComparer.Ordinal).ToList(),
            StringComparer.OrdinalIgnoreCase);
        byRegion["UKM"] = [ScotlandCode];
        byRegion["TLM"] = [ScotlandCode];
        return new ScottishPlaces(councils, byRegion);
    }

    private static IReadOnlyList<string> Split(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
