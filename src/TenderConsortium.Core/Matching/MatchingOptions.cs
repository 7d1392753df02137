using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// Weights and thresholds of the partner matcher. They are settings of the workflow definition (keys in
/// <see cref="FromSettings"/>, documented in docs/matching.md) so that a consortium tunes its matching without a
/// release; the defaults favour CPV fit, then the notice text, then place.
/// </summary>
public sealed record MatchingOptions
{
    public static MatchingOptions Default { get; } = new();

    /// <summary>Weight of the CPV hierarchy signal (key <c>matchCpvWeight</c>).</summary>
    public double CpvWeight { get; init; } = 0.40;

    /// <summary>Weight of the notice text against capability statements and CPV descriptions (<c>matchTextWeight</c>).</summary>
    public double TextWeight { get; init; } = 0.25;

    /// <summary>Weight of the share of the lot's places the member serves (<c>matchPlaceWeight</c>).</summary>
    public double PlaceWeight { get; init; } = 0.15;

    /// <summary>Weight of holding the certifications the notice asks for or favours (<c>matchCertificationWeight</c>).</summary>
    public double CertificationWeight { get; init; } = 0.05;

    /// <summary>Weight of the member's contract size against the lot value (<c>matchSizeWeight</c>).</summary>
    public double SizeWeight { get; init; } = 0.10;

    /// <summary>Weight of rotation: members with fewer recent invitations and awards are lifted (<c>matchRotationWeight</c>).</summary>
    public double RotationWeight { get; init; } = 0.05;

    /// <summary>How far back invitations and awards count for rotation, in days (past bids of the same consortium).</summary>
    public int RotationWindowDays { get; init; } = 365;

    /// <summary>An award counts as this many invitations for rotation (<c>matchAwardFactor</c>).</summary>
    public double AwardFactor { get; init; } = 2;

    /// <summary>Score of each CPV closeness, from the closest (<c>matchCpvExact</c>, <c>matchCpvCategory</c>, <c>matchCpvClass</c>, <c>matchCpvGroup</c>, <c>matchCpvDivision</c>).</summary>
    public double CpvExact { get; init; } = 1.0;
    public double CpvCategory { get; init; } = 0.85;
    public double CpvClass { get; init; } = 0.7;
    public double CpvGroup { get; init; } = 0.5;
    public double CpvDivision { get; init; } = 0.25;

    /// <summary>The loosest CPV closeness that makes a member relevant at all (<c>matchMinCpvLevel</c>: exact, category, class, group, division).</summary>
    public CpvCloseness MinCpvLevel { get; init; } = CpvCloseness.Division;

    /// <summary>Text relevance (0–1) that makes a member relevant without any CPV relation, since buyers' codes are often wrong (<c>matchTextOnlyMin</c>).</summary>
    public double TextOnlyMin { get; init; } = 0.3;

    /// <summary>Eligible members scoring below this are not shortlisted (<c>matchMinScore</c>).</summary>
    public double MinScore { get; init; } = 0.25;

    /// <summary>Shortlist length per lot (<c>matchMaxCandidates</c>).</summary>
    public int MaxCandidates { get; init; } = 25;

    /// <summary>Excluded members listed per lot, closest CPV fit first (<c>matchMaxExcluded</c>).</summary>
    public int MaxExcluded { get; init; } = 25;

    public double CpvScore(CpvCloseness closeness) => closeness switch
    {
        CpvCloseness.Exact => CpvExact,
        CpvCloseness.Category => CpvCategory,
        CpvCloseness.Class => CpvClass,
        CpvCloseness.Group => CpvGroup,
        CpvCloseness.Division => CpvDivision,
        _ => 0,
    };

    /// <summary>
    /// Reads the <c>match…</c> keys of a workflow instance's settings; absent keys keep their defaults. A value of the
    /// wrong type is refused with the key named, because a silently ignored weight would be a silent wrong shortlist.
    /// Every bad key is reported at once (<see cref="BadInputException"/>) so the lead fixes them in one go.
    /// </summary>
    public static MatchingOptions FromSettings(JsonObject? settings)
    {
        var o = Default;
        if (settings is null) return o;
        var problems = new List<string>();
        var options = o with
        {
            CpvWeight = Number(settings, "matchCpvWeight", o.CpvWeight, problems),
            TextWeight = Number(settings, "matchTextWeight", o.TextWeight, problems),
            PlaceWeight = Number(settings, "matchPlaceWeight", o.PlaceWeight, problems),
            CertificationWeight = Number(settings, "matchCertificationWeight", o.CertificationWeight, problems),
            SizeWeight = Number(settings, "matchSizeWeight", o.SizeWeight, problems),
            RotationWeight = Number(settings, "matchRotationWeight", o.RotationWeight, problems),
            AwardFactor = Number(settings, "matchAwardFactor", o.AwardFactor, problems),
            CpvExact = Number(settings, "matchCpvExact", o.CpvExact, problems),
            CpvCategory = Number(settings, "matchCpvCategory", o.CpvCategory, problems),
            CpvClass = Number(settings, "matchCpvClass", o.CpvClass, problems),
            CpvGroup = Number(settings, "matchCpvGroup", o.CpvGroup, problems),
            CpvDivision = Number(settings, "matchCpvDivision", o.CpvDivision, problems),
            MinCpvLevel = Level(settings, "matchMinCpvLevel", o.MinCpvLevel, problems),
            TextOnlyMin = Number(settings, "matchTextOnlyMin", o.TextOnlyMin, problems),
            MinScore = Number(settings, "matchMinScore", o.MinScore, problems),
            MaxCandidates = Count(settings, "matchMaxCandidates", o.MaxCandidates, problems),
            MaxExcluded = Count(settings, "matchMaxExcluded", o.MaxExcluded, problems),
        };
        if (problems.Count > 0) throw new BadInputException(problems);
        return options;
    }

    /// <summary>A JSON number, or text holding one, as the weights have always been accepted in either form.</summary>
    private static double? Parse(JsonNode node)
    {
        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            _ => null,
        };
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }

    private static double Number(JsonObject settings, string key, double fallback, List<string> problems)
    {
        var node = settings[key];
        if (node is null) return fallback;
        if (Parse(node) is { } d && d >= 0) return d;
        problems.Add($"settings.{key}: expected a number of at least 0, got {node.ToJsonString()}");
        return fallback;
    }

    /// <summary>
    /// A length of a list: a whole number that fits an int. Casting a larger double wraps to a negative number, which
    /// silently emptied the shortlist, so such values are refused instead.
    /// </summary>
    private static int Count(JsonObject settings, string key, int fallback, List<string> problems)
    {
        var node = settings[key];
        if (node is null) return fallback;
        if (Parse(node) is { } d && d >= 0 && d <= int.MaxValue && d == Math.Truncate(d)) return (int)d;
        problems.Add($"settings.{key}: expected a whole number from 0 to {int.MaxValue}, got {node.ToJsonString()}");
        return fallback;
    }

    private static CpvCloseness Level(JsonObject settings, string key, CpvCloseness fallback, List<string> problems)
    {
        var node = settings[key];
        if (node is null) return fallback;
        // Enum.TryParse also takes numbers ("2") and comma lists, which are not levels a lead would mean.
        if (node is JsonValue v && v.TryGetValue<string>(out var text) && Levels.FirstOrDefault(l => string.Equals(l.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)) is var level
            && level != CpvCloseness.None)
            return level;
        problems.Add($"settings.{key}: expected one of exact, category, class, group, division, got {node.ToJsonString()}");
        return fallback;
    }

    private static readonly CpvCloseness[] Levels =
        [CpvCloseness.Exact, CpvCloseness.Category, CpvCloseness.Class, CpvCloseness.Group, CpvCloseness.Division];
}
