using System.Text;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// Words for text relevance. Rarity (idf) is taken from the CPV 2008 descriptions rather than from the registry, so a
/// member's score never moves because another member changed its profile, and "services" weighs little while
/// "recovery" or "befriending" weigh a lot. Place names are dropped: place is scored on its own.
/// </summary>
public sealed class TextTerms
{
    private static readonly Lazy<TextTerms> Shared = new(() => new TextTerms(CpvCatalogue.Default, ScottishPlaces.Default));

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "into", "that", "this", "will", "are", "was", "were", "been", "being", "have", "has",
        "not", "but", "all", "any", "its", "our", "your", "their", "they", "them", "who", "which", "where", "when", "what", "other",
        "also", "such", "than", "then", "there", "these", "those", "per", "via", "who", "may", "can", "must", "should", "would",
        "we", "us", "you", "out", "off", "over", "under", "within", "across", "each", "more", "most", "some", "only", "both",
        "service", "services", "provision", "provide", "providing", "provider", "providers", "supply", "supplier", "suppliers",
        "contract", "contracts", "contractor", "lot", "lots", "tender", "tenders", "framework", "council", "requirement",
        "requirements", "require", "required", "requires", "bidder", "bidders", "buyer", "deliver", "delivered", "delivery",
        "delivering", "including", "include", "includes", "high", "quality", "aim", "project", "focus", "appropriate", "wish",
        "local", "staff", "volunteers", "year", "years", "new", "related", "general", "various", "number", "based", "well",
        "scotland", "scottish", "city", "north", "south", "east", "west", "islands", "isles", "people", "use", "able",
    };

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly List<double> _idf = [];
    private readonly Dictionary<string, int[]> _byCpv = new(StringComparer.Ordinal);
    private readonly HashSet<string> _placeWords = new(StringComparer.Ordinal);

    public TextTerms(CpvCatalogue catalogue, ScottishPlaces places)
    {
        foreach (var council in places.Councils)
            foreach (var word in Words(council.Name)) _placeWords.Add(word);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var entry in catalogue.Entries)
        {
            count++;
            foreach (var word in Terms(entry.Description).Distinct())
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
        }

        MaxIdf = Math.Log(count + 1) + 1;
        foreach (var (word, df) in documentFrequency.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            _ids[word] = _words.Count;
            _words.Add(word);
            _idf.Add(Math.Log((count + 1) / (double)(df + 1)) + 1);
        }

        foreach (var entry in catalogue.Entries)
            _byCpv[entry.Code8] = [.. Terms(entry.Description).Select(w => _ids[w]).Distinct().Order()];
    }

    public static TextTerms Default => Shared.Value;

    /// <summary>Ids below this are CPV vocabulary; an index numbers other words of its members from here on.</summary>
    public int Count => _words.Count;

    /// <summary>The weight of a word no CPV description uses: as rare as a word can be.</summary>
    public double MaxIdf { get; }

    public double Idf(int id) => id < _idf.Count ? _idf[id] : MaxIdf;

    public string Word(int id) => _words[id];

    public bool TryGetId(string word, out int id) => _ids.TryGetValue(word, out id);

    /// <summary>The term ids of a code's CPV description; empty for a code not in CPV 2008.</summary>
    public int[] OfCpv(string code8) => _byCpv.GetValueOrDefault(code8) ?? [];

    /// <summary>The words of a text that carry meaning: no stop words, no place names.</summary>
    public IEnumerable<string> Terms(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Words(text).Where(w => !StopWords.Contains(w) && !_placeWords.Contains(w));

    /// <summary>Lower-case words of three letters or more, with a light plural stem ("services" → "service").</summary>
    public static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Append(' '))
        {
            if (char.IsLetter(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
                continue;
            }

            if (sb.Length >= 3) yield return Stem(sb.ToString());
            sb.Clear();
        }
    }

    private static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)) return word[..^1];
        return word;
    }
}
