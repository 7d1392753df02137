using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Matching;

/// <summary>A lot prepared for matching: its codes, places, requirements and weighted words, worked out once per lot.</summary>
internal sealed class LotQuery
{
    public LotQuery(MemberIndex index, Opportunity opportunity, Lot lot, MatchingOptions options, MatchContext context)
    {
        Lot = lot;
        Buyer = opportunity.Buyer;
        Codes = lot.Cpv.Where(c => c.Length == 8).Distinct().ToArray();
        Places = lot.Places.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        Requirements = RequirementRules.For(opportunity, lot);
        Value = lot.Value?.Amount ?? (opportunity.Lots.Count == 1 ? opportunity.Value?.Amount : null);
        IsDeadline = opportunity.Deadline is not null;
        CheckDay = opportunity.Deadline is { } deadline
            ? DateOnly.FromDateTime(deadline.UtcDateTime)
            : context.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);

        // The lot's own words, with the notice's title and description as context; boilerplate (additional
        // information, selection criteria) would make every member look alike.
        TermIdf = new double[index.VocabularySize];
        var words = index.Text.Terms(string.Join("\n", lot.Title, lot.Description, opportunity.Title, opportunity.Description)).Distinct().ToList();
        var known = new List<int>();
        foreach (var word in words)
        {
            var id = index.TermId(word);
            var idf = id >= 0 ? index.Idf(id) : index.Text.MaxIdf;
            TotalIdf += idf;
            if (id >= 0 && TermIdf[id] == 0)
            {
                TermIdf[id] = idf;
                known.Add(id);
            }
        }

        // A member can reach the text-only threshold only through one of the rarest words: those whose idf the others
        // cannot make up. Only their postings need reading (the rest can never reach the threshold without them).
        known.Sort((a, b) => TermIdf[b] != TermIdf[a] ? TermIdf[b].CompareTo(TermIdf[a]) : a.CompareTo(b));
        var rest = known.Sum(id => TermIdf[id]);
        var required = new List<int>();
        foreach (var id in known)
        {
            if (rest < options.TextOnlyMin * TotalIdf && options.TextOnlyMin > 0) break;
            required.Add(id);
            rest -= TermIdf[id];
        }

        RequiredTerms = [.. required];
    }

    public Lot Lot { get; }
    public Buyer Buyer { get; }
    public string[] Codes { get; }
    public string[] Places { get; }
    public LotRequirements Requirements { get; }
    public decimal? Value { get; }
    public DateOnly CheckDay { get; }
    public bool IsDeadline { get; }

    /// <summary>Idf of the lot's words by term id; zero for words the lot does not use.</summary>
    public double[] TermIdf { get; }

    public double TotalIdf { get; }

    public int[] RequiredTerms { get; }

    public string PlaceName(string code) => ScottishPlaces.Default.NameOf(code);
}
