using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Core.Workflow;

/// <summary>
/// Every setting the tender activities read, checked at start (see IActivity.ValidateSettings): the lead's emails
/// and periods, the matching weights and thresholds, the allocation rules, the consortium profile of the documents,
/// and the shape of the lot terms.
/// </summary>
public static class TenderSettingsCheck
{
    public static IEnumerable<string> Problems(JsonObject settings)
    {
        var problems = new List<string>();
        Collect(problems, () => TenderSettings.From(settings));
        Collect(problems, () => AllocationRules.FromSettings(settings));
        Collect(problems, () => ConsortiumProfile.FromSettings(settings));
        Collect(problems, () => MatchingOptions.FromSettings(settings));
        if (settings["lotTerms"] is { } terms)
        {
            if (terms is not JsonObject lots)
            {
                problems.Add("settings.lotTerms: expected an object of lot ids, e.g. {\"1\": {\"unit\": \"hours\", \"demand\": 5000}}");
                return problems;
            }

            foreach (var (lot, spec) in lots)
            {
                var unit = spec?["unit"] is JsonValue u && u.TryGetValue<string>(out var text) ? text : LotUnits.Value;
                if (spec is not JsonObject) problems.Add($"settings.lotTerms.{lot}: expected {{\"unit\", \"demand\"}}");
                else if (!LotUnits.IsKnown(unit)) problems.Add($"settings.lotTerms.{lot}.unit: expected one of {string.Join(", ", LotUnits.All)}, got \"{unit}\"");
                else if (spec["demand"] is { } d && (!ValueConversion.TryGetWholeNumber(d, out var demand) || demand < 0))
                    problems.Add($"settings.lotTerms.{lot}.demand: expected a whole number of {unit} of at least 0");
                else if (spec["demand"] is null && unit != LotUnits.Value)
                    problems.Add($"settings.lotTerms.{lot}.demand: required when the unit is {unit}");
            }
        }

        return problems;
    }

    private static void Collect(List<string> problems, Action read)
    {
        try
        {
            read();
        }
        catch (BadInputException ex)
        {
            problems.AddRange(ex.Problems);
        }
    }
}
