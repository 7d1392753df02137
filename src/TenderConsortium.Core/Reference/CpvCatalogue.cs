namespace TenderConsortium.Core.Reference;

/// <summary>The CPV 2008 vocabulary (9,454 codes), keyed by the eight digits without the check digit.</summary>
public sealed class CpvCatalogue
{
    private static readonly Lazy<CpvCatalogue> Shared = new(Load);
    private readonly Dictionary<string, CpvEntry> _byCode8;

    private CpvCatalogue(Dictionary<string, CpvEntry> byCode8) => _byCode8 = byCode8;

    public static CpvCatalogue Default => Shared.Value;

    public int Count => _byCode8.Count;

    public IEnumerable<CpvEntry> Entries => _byCode8.Values;

    public CpvEntry? Find(string code8) => _byCode8.GetValueOrDefault(code8);

    /// <summary>
    /// The service as a sentence names it, with its code in brackets: "taxi services (CPV 60120000)" (an acronym
    /// keeps its capitals: "IT services: …"); a code not in CPV 2008 is named by its digits alone.
    /// </summary>
    public string Service(string code8) => Find(code8) is { } entry
        ? $"{InSentence(entry.Description)} (CPV {code8})"
        : $"the work coded CPV {code8}";

    private static string InSentence(string description) =>
        description.Length > 1 && char.IsUpper(description[1]) ? description : char.ToLowerInvariant(description[0]) + description[1..];

    /// <summary>
    /// Reads "85311000", "85311000-2" or " 85311000-2 " into the eight digits, or explains why it cannot. A check digit
    /// that contradicts the list is reported, because it usually means the digits were mistyped.
    /// </summary>
    public CpvCheck Check(string? raw)
    {
        var text = raw?.Trim() ?? "";
        var digits = text.Length >= 8 ? text[..8] : text;
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit) || (text.Length != 8 && !(text.Length == 10 && text[8] == '-' && char.IsAsciiDigit(text[9]))))
            return new CpvCheck(null, $"'{text}' is not a CPV code (expected 8 digits, optionally with a check digit, e.g. 85311000 or 85311000-2)");
        var entry = Find(digits);
        if (entry is null) return new CpvCheck(digits, $"{digits} is not in the CPV 2008 list");
        if (text.Length == 10 && text[9] != entry.CheckDigit)
            return new CpvCheck(digits, $"{text} has check digit {text[9]} but CPV 2008 gives {entry.Code}");
        return new CpvCheck(digits, null);
    }

    private static CpvCatalogue Load()
    {
        var entries = new Dictionary<string, CpvEntry>(10_000, StringComparer.Ordinal);
        foreach (var row in ReferenceData.ReadCsv("cpv_2008_en.csv"))
        {
            var level = Enum.Parse<CpvLevel>(row["level"], ignoreCase: true);
            var parent = string.IsNullOrEmpty(row["parent_code8"]) ? null : row["parent_code8"];
            entries[row["code8"]] = new CpvEntry(row["code8"], row["check_digit"][0], row["description"], level, parent);
        }

        return new CpvCatalogue(entries);
    }
}

/// <param name="Code8">The eight digits when the text had that shape (kept even if the code is unknown).</param>
/// <param name="Problem">Why the code is doubtful; null when it is a CPV 2008 code.</param>
public sealed record CpvCheck(string? Code8, string? Problem)
{
    public bool IsKnown => Code8 is not null && Problem is null;
}
