using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Core.Declarations;

/// <summary>
/// Reads the lead's lot terms, <c>{"LOT-1": {"unit": "hours", "demand": 5000, "referencePrice": 30}}</c>. A lot left
/// out is split by value (demand = its estimated value in whole pounds, or an equal part of the opportunity's value).
/// </summary>
public static class LotTermsReader
{
    public static IReadOnlyList<LotTerms> Read(Opportunity opportunity, JsonObject? terms)
    {
        var problems = new List<string>();
        if (terms is not null)
        {
            foreach (var (lotId, _) in terms)
            {
                if (opportunity.Lots.All(l => l.Id != lotId))
                    problems.Add($"lotTerms.{lotId}: no such lot; expected one of {string.Join(", ", opportunity.Lots.Select(l => l.Id))}");
            }
        }

        var result = new List<LotTerms>();
        foreach (var lot in opportunity.Lots)
        {
            var fallbackValue = lot.Value?.Amount ?? (opportunity.Value?.Amount / Math.Max(1, opportunity.Lots.Count)) ?? 0m;
            if (terms?[lot.Id] is not JsonObject spec)
            {
                result.Add(new LotTerms(lot.Id, LotUnits.Value, (long)decimal.Floor(fallbackValue)));
                continue;
            }

            var at = $"lotTerms.{lot.Id}";
            var unit = spec["unit"] is JsonValue u && u.TryGetValue<string>(out var text) ? text.Trim().ToLowerInvariant() : LotUnits.Value;
            if (!LotUnits.IsKnown(unit))
                problems.Add($"{at}.unit: expected one of {string.Join(", ", LotUnits.All)}, got \"{unit}\"");
            long demand;
            if (spec["demand"] is { } d)
            {
                if (!ValueConversion.TryGetWholeNumber(d, out demand) || demand < 0)
                    problems.Add($"{at}.demand: expected a whole number of {unit} of at least 0");
            }
            else if (unit == LotUnits.Value)
            {
                demand = (long)decimal.Floor(fallbackValue);
            }
            else
            {
                demand = 0;
                problems.Add($"{at}.demand: required when the unit is {unit}");
            }

            decimal? reference = null;
            if (spec["referencePrice"] is JsonValue r)
            {
                if (r.TryGetValue<decimal>(out var price) && price > 0) reference = price;
                else if (r.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.TryGetDecimal(out var p) && p > 0) reference = p;
                else problems.Add($"{at}.referencePrice: expected a price in pounds above 0");
            }
            else if (unit != LotUnits.Value && demand > 0 && lot.Value?.Amount is { } value)
            {
                // What the buyer's estimate implies per unit: the yardstick prices are scored against.
                reference = decimal.Round(value / demand, 2);
            }

            result.Add(new LotTerms(lot.Id, unit, demand, unit == LotUnits.Value ? 1m : reference));
        }

        if (problems.Count > 0) throw new BadInputException(problems);
        return result;
    }
}
