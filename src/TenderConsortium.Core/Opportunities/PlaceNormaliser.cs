using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Turns the places a notice names into council-area codes where they are in Scotland, keeping anything else as
/// given (e.g. "UKL", "West Midlands", a postcode). The most specific evidence wins: a lot titled "Fife Council"
/// delivered in region UKM is Fife, not all of Scotland. A statistical region that spans several councils narrows to
/// the buyer's own council when the buyer is one of them (North Ayrshire Council in UKM93 means North Ayrshire).
/// </summary>
public sealed class PlaceNormaliser(ScottishPlaces places)
{
    public IReadOnlyList<string> Normalise(IEnumerable<string> published, string? lotTitle, IEnumerable<string> buyerNames)
    {
        var specific = new List<string>();
        var broad = new List<string>();
        var asGiven = new List<string>();

        if (lotTitle is not null && places.FindByName(lotTitle) is { } titled) specific.Add(titled.Code);

        var buyerCouncils = buyerNames.Select(places.FindByName).OfType<CouncilArea>().Select(c => c.Code).ToHashSet();
        foreach (var raw in published)
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            var codes = places.Resolve(text);
            if (codes is null)
            {
                AddOnce(asGiven, text);
                continue;
            }

            if (codes.Count == 1 && codes[0] != ScottishPlaces.ScotlandCode)
            {
                AddOnce(specific, codes[0]);
                continue;
            }

            var narrowed = codes.Where(buyerCouncils.Contains).ToList();
            foreach (var code in narrowed.Count > 0 ? narrowed : codes) AddOnce(broad, code);
        }

        var scottish = specific.Count > 0 ? specific : broad;
        return [.. scottish, .. asGiven];
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }
}
