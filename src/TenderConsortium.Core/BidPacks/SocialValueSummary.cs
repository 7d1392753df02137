using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Members' social-value commitments summed per measure without double counting. A member often copies the same
/// promise into every lot it declares for ("2 local hires"); the same measure, quantity, unit and note from one member
/// counts once, attributed to all its lots. Different promises add up. Only lots where the member was allocated
/// volume count: a promise tied to work the member will not do is not offered to the buyer. Totals are per unit, so a
/// measure given in two units is shown twice rather than added across units.
/// </summary>
public sealed record SocialValueSummary(IReadOnlyList<SocialValueTotal> Totals, IReadOnlyList<string> Problems)
{
    public static SocialValueSummary From(BidPackInput input, SocialValueCatalogue? catalogue = null)
    {
        catalogue ??= SocialValueCatalogue.Default;
        var problems = new List<string>();
        var delivered = input.Allocation.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0)
            .Select(s => (s.MemberId, s.LotId)).ToHashSet();
        var attributions = new List<(string MeasureId, string Unit, SocialValueAttribution By)>();
        foreach (var declaration in input.Declarations.Where(d => !d.Declined).OrderBy(d => d.MemberId, StringComparer.Ordinal))
        {
            var name = input.Member(declaration.MemberId)?.Member.Name ?? declaration.MemberId;
            var commitments = declaration.Lots
                .Where(l => delivered.Contains((declaration.MemberId, l.LotId)))
                .SelectMany(l => l.SocialValue.Select(c => (l.LotId, Commitment: c)))
                .GroupBy(x => (Measure: x.Commitment.MeasureId.Trim().ToUpperInvariant(), x.Commitment.Quantity, Unit: x.Commitment.Unit.Trim(), Note: x.Commitment.Note?.Trim()));
            foreach (var group in commitments)
            {
                var measure = catalogue.Find(group.Key.Measure);
                if (measure is null) problems.Add($"{name}: unknown social-value measure '{group.Key.Measure}'");
                else if (!string.Equals(measure.Unit, group.Key.Unit, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{name}: {measure.Id} is measured in '{measure.Unit}', declared in '{group.Key.Unit}'");
                if (group.Key.Quantity <= 0) problems.Add($"{name}: {group.Key.Measure} has no quantity (declared {group.Key.Quantity})");
                attributions.Add((measure?.Id ?? group.Key.Measure, group.Key.Unit,
                    new SocialValueAttribution(declaration.MemberId, name, group.Key.Quantity, group.Select(x => x.LotId).Distinct().ToList(), group.Key.Note)));
            }
        }

        var totals = attributions
            .GroupBy(a => (a.MeasureId, Unit: a.Unit.ToLowerInvariant()))
            .OrderBy(g => g.Key.MeasureId, StringComparer.Ordinal).ThenBy(g => g.Key.Unit, StringComparer.Ordinal)
            .Select(g =>
            {
                var measure = catalogue.Find(g.Key.MeasureId);
                return new SocialValueTotal(g.Key.MeasureId, measure?.TomsCode, measure?.Theme ?? "unknown measure", measure?.Description ?? g.Key.MeasureId,
                    g.First().Unit, g.Sum(a => a.By.Quantity), g.Select(a => a.By).ToList());
            })
            .ToList();
        return new SocialValueSummary(totals, problems);
    }
}
