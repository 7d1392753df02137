using System.Runtime.InteropServices;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// Postings over the registry, built once, so a lot is answered from the members that share a CPV prefix, serve its
/// places, or use its rarest words, instead of from every member. Members are numbered (ordinals) in member-id order,
/// which is also the tie-break of equal scores. Postings: CPV prefixes of 2, 3, 4 and 5 digits and full codes; area
/// codes (plus one posting of everyone serving anywhere in Scotland); certification kinds; text terms.
/// </summary>
public sealed class MemberIndex
{
    private static readonly int[] PrefixLengths = [2, 3, 4, 5, 8];
    private readonly Dictionary<string, int[]> _byCpvPrefix;
    private readonly Dictionary<string, int[]> _byArea;
    private readonly Dictionary<CertificationKind, int[]> _byCertification;
    private readonly Dictionary<int, int[]> _byTerm;
    private readonly Dictionary<string, int> _extraWords;
    private readonly List<string> _extraList;

    private MemberIndex(MatchMember[] members, int[][] terms, ulong[] areaMasks, TextTerms text, Dictionary<string, int[]> byCpvPrefix, Dictionary<string, int[]> byArea,
        int[] anyScottish, Dictionary<CertificationKind, int[]> byCertification, Dictionary<int, int[]> byTerm, Dictionary<string, int> extraWords, List<string> extraList)
    {
        Members = members;
        Terms = terms;
        AreaMasks = areaMasks;
        Text = text;
        _byCpvPrefix = byCpvPrefix;
        _byArea = byArea;
        AnyScottish = anyScottish;
        _byCertification = byCertification;
        _byTerm = byTerm;
        _extraWords = extraWords;
        _extraList = extraList;
    }

    public int Count => Members.Count;

    /// <summary>Members by ordinal.</summary>
    public IReadOnlyList<MatchMember> Members { get; }

    /// <summary>Each member's sorted term ids: capability statement and the descriptions of its CPV codes.</summary>
    internal int[][] Terms { get; }

    internal TextTerms Text { get; }

    /// <summary>
    /// Each member's areas as bits (<see cref="AreaBit"/>): the place signal is read from one word per member, so the
    /// matcher can bound a member's score without touching its profile (at a million members, memory, not arithmetic,
    /// is the cost).
    /// </summary>
    internal ulong[] AreaMasks { get; }

    /// <summary>Bit 0–31: the councils in <see cref="ScottishPlaces.Councils"/> order; 32: all of Scotland; 33: any other region.</summary>
    internal static ulong AreaBit(string code)
    {
        if (code.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase)) return 1UL << 32;
        return CouncilBits.TryGetValue(code, out var bit) ? 1UL << bit : 1UL << 33;
    }

    internal const ulong ScotlandBit = 1UL << 32;
    internal const ulong OtherBit = 1UL << 33;
    internal const ulong CouncilMask = (1UL << 32) - 1;

    private static readonly Dictionary<string, int> CouncilBits = ScottishPlaces.Default.Councils
        .Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);

    internal int[] AnyScottish { get; }

    /// <summary>Term ids known to this index: CPV vocabulary plus the members' other words.</summary>
    public int VocabularySize => Text.Count + _extraList.Count;

    public static MemberIndex Build(IEnumerable<MatchMember> members, TextTerms? text = null)
    {
        text ??= TextTerms.Default;
        var sorted = members.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var byCpv = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byArea = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var anyScottish = new List<int>();
        var byCert = new Dictionary<CertificationKind, List<int>>();
        var byTerm = new Dictionary<int, List<int>>();
        var extraWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var extraList = new List<string>();
        var interned = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var terms = new int[sorted.Length][];
        var masks = new ulong[sorted.Length];
        var scratch = new SortedSet<int>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);

        for (var ordinal = 0; ordinal < sorted.Length; ordinal++)
        {
            var member = sorted[ordinal].Member;
            prefixes.Clear();
            foreach (var code in member.Cpv)
                foreach (var length in PrefixLengths)
                    if (code.Length >= length) prefixes.Add(code[..length]);
            foreach (var prefix in prefixes) Add(byCpv, prefix, ordinal);

            var scottish = false;
            foreach (var area in member.ServiceAreas.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                Add(byArea, area, ordinal);
                scottish |= IsScottish(area);
                masks[ordinal] |= AreaBit(area);
            }

            if (scottish) anyScottish.Add(ordinal);
            foreach (var kind in member.Certifications.Select(c => c.Kind).Distinct()) Add(byCert, kind, ordinal);

            scratch.Clear();
            foreach (var code in member.Cpv) scratch.UnionWith(text.OfCpv(code));
            foreach (var word in text.Terms(member.CapabilityStatement))
            {
                if (text.TryGetId(word, out var id)) scratch.Add(id);
                else
                {
                    if (!extraWords.TryGetValue(word, out id))
                    {
                        id = text.Count + extraList.Count;
                        extraWords[word] = id;
                        extraList.Add(word);
                    }

                    scratch.Add(id);
                }
            }

            // Generated and real registries repeat the same profiles; sharing the arrays keeps a million members small.
            var key = string.Join(',', scratch);
            if (!interned.TryGetValue(key, out var ids)) interned[key] = ids = [.. scratch];
            terms[ordinal] = ids;
            foreach (var id in ids) Add(byTerm, id, ordinal);
        }

        return new MemberIndex(sorted, terms, masks, text, Freeze(byCpv, StringComparer.Ordinal), Freeze(byArea, StringComparer.OrdinalIgnoreCase), [.. anyScottish],
            byCert.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), byTerm.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), extraWords, extraList);
    }

    public static bool IsScottish(string code) =>
        code.StartsWith("S12", StringComparison.OrdinalIgnoreCase) || code.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Members with a CPV code whose first digits equal those of <paramref name="code"/> (2, 3, 4, 5 or all 8).</summary>
    public int[] WithCpvPrefix(string code, int digits) =>
        code.Length >= digits ? _byCpvPrefix.GetValueOrDefault(code[..digits]) ?? [] : [];

    public int[] InArea(string code) => _byArea.GetValueOrDefault(code) ?? [];

    public IEnumerable<string> AreaCodes => _byArea.Keys;

    public int[] Holding(CertificationKind kind) => _byCertification.GetValueOrDefault(kind) ?? [];

    public int[] WithTerm(int id) => _byTerm.GetValueOrDefault(id) ?? [];

    public int TermId(string word) => Text.TryGetId(word, out var id) ? id : _extraWords.GetValueOrDefault(word, -1);

    public string Word(int id) => id < Text.Count ? Text.Word(id) : _extraList[id - Text.Count];

    public double Idf(int id) => Text.Idf(id);

    private static void Add<TKey>(Dictionary<TKey, List<int>> postings, TKey key, int ordinal) where TKey : notnull
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(postings, key, out _);
        list ??= [];
        list.Add(ordinal);
    }

    private static Dictionary<string, int[]> Freeze(Dictionary<string, List<int>> postings, StringComparer comparer) =>
        postings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), comparer);
}
