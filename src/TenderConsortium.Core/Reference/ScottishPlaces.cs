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
    private readonly Dictionary<string, string> _ukRegionNames;

    // Names scanned for in prose, longest first so "Port Glasgow" is Inverclyde before "Glasgow" is read inside it.
    // "borders" is left out: in a sentence it is far more often the word than the council.
    private readonly (string Name, string Code)[] _mentionable;

    private ScottishPlaces(
        IReadOnlyList<CouncilArea> councils,
        Dictionary<string, IReadOnlyList<string>> byRegionCode,
        IEnumerable<(string Name, string Code)> towns,
        Dictionary<string, string> ukRegionNames)
    {
        Councils = councils;
        _byCode = councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byName = councils.ToDictionary(c => NormaliseName(c.Name), StringComparer.Ordinal);
        foreach (var (alias, code) in Aliases) _byName.TryAdd(alias, _byCode[code]);
        foreach (var (town, code) in towns) _byName.TryAdd(NormaliseName(town), _byCode[code]);
        _byRegionCode = byRegionCode;
        _ukRegionNames = ukRegionNames;
        _mentionable = _byName
            .Where(kv => kv.Key != "borders" && kv.Key.Length > 0)
            .Select(kv => (kv.Key, kv.Value.Code))
            .OrderByDescending(n => n.Key.Length)
            .ThenBy(n => n.Key, StringComparer.Ordinal)
            .ToArray();
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

    /// <summary>
    /// The council codes of every council, town, island or district named anywhere in a sentence ("Across 6 locality
    /// areas of North Ayrshire" gives North Ayrshire; "Fraserburgh and Peterhead" gives Aberdeenshire), in the order
    /// they are written. Whole words only: "Aberdeenshire" does not name Aberdeen.
    /// </summary>
    public IReadOnlyList<string> Mentioned(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var words = " " + string.Join(' ', Words(text)) + " ";
        var found = new List<(int At, string Code)>();
        foreach (var (name, code) in _mentionable)
        {
            var needle = " " + name + " ";
            var at = words.IndexOf(needle, StringComparison.Ordinal);
            while (at >= 0)
            {
                found.Add((at, code));
                // Blank the match (keeping its spaces) so a shorter name inside it is not read again.
                words = words[..(at + 1)] + new string('#', name.Length) + words[(at + 1 + name.Length)..];
                at = words.IndexOf(needle, at + 1, StringComparison.Ordinal);
            }
        }

        return found.OrderBy(f => f.At).Select(f => f.Code).Distinct().ToList();
    }

    /// <summary>
    /// What a person calls a place code: council names for S12 codes, "Scotland", and the UK's NUTS 2016 / ITL 2021
    /// regions by name ("UKL" is Wales); anything else (a postcode, a name already) as given.
    /// </summary>
    public string NameOf(string code)
    {
        if (code == ScotlandCode) return "Scotland";
        if (_byCode.TryGetValue(code, out var council)) return council.Name;
        return _ukRegionNames.TryGetValue(code.Trim(), out var region) ? region : code;
    }

    /// <summary>True for a UK NUTS/ITL region code outside Scotland that we can name (UKL, TLG…).</summary>
    public bool IsUkRegionCode(string text) => _ukRegionNames.ContainsKey(text.Trim());

    /// <summary>True for a UK country or region written by name ("Wales", "West Midlands", "England").</summary>
    public bool IsUkRegionName(string text)
    {
        var name = NormaliseName(text);
        return name == "england" || _ukRegionNames.Values.Any(v => NormaliseName(v) == name);
    }

    internal static string NormaliseName(string text)
    {
        var paren = text.IndexOf('(');
        var words = Words(paren > 0 ? text[..paren] : text);
        if (words.Count >= 2 && words[0] == "lot" && words[1].All(char.IsDigit)) words.RemoveRange(0, 2);
        if (words.Count > 0 && words[0] == "the") words.RemoveAt(0);
        if (words.Count > 0 && words[^1] == "area") words.RemoveAt(words.Count - 1);
        if (words.Count > 0 && words[^1] == "council") words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    // Lower-case words with "&" read as "and" and apostrophes dropped ("Bo'ness" is "boness"), everything else a space.
    private static List<string> Words(string text)
    {
        var s = text.ToLowerInvariant().Replace("&", " and ").Replace("'", "").Replace("\u2019", "");
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s) sb.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
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
        var towns = ReferenceData.ReadCsv("scotland_towns.csv").Select(r => (r["place_name"], r["council_area_code"]));
        var ukRegions = ReferenceData.ReadCsv("uk_regions.csv").ToDictionary(r => r["code"], r => r["name"], StringComparer.OrdinalIgnoreCase);
        return new ScottishPlaces(councils, byRegion, towns, ukRegions);
    }

    private static IReadOnlyList<string> Split(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
