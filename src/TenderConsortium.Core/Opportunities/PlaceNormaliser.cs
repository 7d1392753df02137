using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Turns what a notice says about where the work is into places (council-area codes in Scotland; other regions,
/// postcodes and names kept as given) and delivery text (prose such as "Across 6 locality areas of North Ayrshire
/// and as close to home as possible", kept for people to read and never matched as a place). Councils, towns and
/// islands named inside prose or a lot title count as places ("Fraserburgh" is Aberdeenshire; a lot naming Perth adds
/// Perth and Kinross). The most specific evidence wins: a single council beats a region spanning several, and a
/// region spanning several councils narrows to the buyer's own council when the buyer is one of them.
/// </summary>
public sealed class PlaceNormaliser(ScottishPlaces places)
{
    // A structured place field holding this many words or more is a sentence, not a place name.
    private const int ProseWords = 5;

    /// <summary>Places only, for callers that have no prose (kept for the member registry and tests).</summary>
    public IReadOnlyList<string> Normalise(IEnumerable<string> published, string? lotTitle, IEnumerable<string> buyerNames) =>
        Read(published, [], lotTitle, buyerNames).Places;

    /// <param name="given">Structured fields: delivery regions, postcodes, our format's places.</param>
    /// <param name="described">Free descriptions of the delivery location (OCDS deliveryLocation.description).</param>
    public PlaceReading Read(IEnumerable<string> given, IEnumerable<string> described, string? lotTitle, IEnumerable<string> buyerNames)
    {
        var specific = new List<string>();
        var broad = new List<string>();
        var asGiven = new List<string>();
        var prose = new List<string>();
        var buyerCouncils = buyerNames.Select(places.FindByName).OfType<CouncilArea>().Select(c => c.Code).ToHashSet();

        foreach (var code in places.Mentioned(lotTitle)) AddOnce(specific, code);

        foreach (var (raw, structured) in given.Select(g => (g, true)).Concat(described.Select(d => (d, false))))
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            var codes = places.Resolve(text);
            if (codes is not null)
            {
                AddResolved(codes, specific, broad, buyerCouncils);
                continue;
            }

            if (places.IsUkRegionCode(text) || places.IsUkRegionName(text) || (structured && !IsProse(text)))
            {
                AddOnce(asGiven, text);
                continue;
            }

            AddOnce(prose, text);
            foreach (var code in places.Mentioned(text)) AddOnce(specific, code);
        }

        var scottish = specific.Count > 0 ? specific : broad;
        return new PlaceReading([.. scottish, .. asGiven], prose);
    }

    private static bool IsProse(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= ProseWords;

    private static void AddResolved(IReadOnlyList<string> codes, List<string> specific, List<string> broad, HashSet<string> buyerCouncils)
    {
        if (codes.Count == 1 && codes[0] != ScottishPlaces.ScotlandCode)
        {
            AddOnce(specific, codes[0]);
            return;
        }

        var narrowed = codes.Where(buyerCouncils.Contains).ToList();
        foreach (var code in narrowed.Count > 0 ? narrowed : codes) AddOnce(broad, code);
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }
}
