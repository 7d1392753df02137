using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

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
    /// </summary>
    public static MatchingOptions FromSettings(JsonObject? settings)
    {
        var o = Default;
        if (settings is null) return o;
        return o with
        {
            CpvWeight = Number(settings, "matchCpvWeight", o.CpvWeight),
            TextWeight = Number(settings, "matchTextWeight", o.TextWeight),
            PlaceWeight = Number(settings, "matchPlaceWeight", o.PlaceWeight),
            CertificationWeight = Number(settings, "matchCertificationWeight", o.CertificationWeight),
            SizeWeight = Number(settings, "matchSizeWeight", o.SizeWeight),
            RotationWeight = Number(settings, "matchRotationWeight", o.RotationWeight),
            AwardFactor = Number(settings, "matchAwardFactor", o.AwardFactor),
            CpvExact = Number(settings, "matchCpvExact", o.CpvExact),
            CpvCategory = Number(settings, "matchCpvCategory", o.CpvCategory),
            CpvClass = Number(settings, "matchCpvClass", o.CpvClass),
            CpvGroup = Number(settings, "matchCpvGroup", o.CpvGroup),
            CpvDivision = Number(settings, "matchCpvDivision", o.CpvDivision),
            MinCpvLevel = Level(settings, "matchMinCpvLevel", o.MinCpvLevel),
            TextOnlyMin = Number(settings, "matchTextOnlyMin", o.TextOnlyMin),
            MinScore = Number(settings, "matchMinScore", o.MinScore),
            MaxCandidates = (int)Number(settings, "matchMaxCandidates", o.MaxCandidates),
            MaxExcluded = (int)Number(settings, "matchMaxExcluded", o.MaxExcluded),
        };
    }

    private static double Number(JsonObject settings, string key, double fallback)
    {
        var node = settings[key];
        if (node is null) return fallback;
        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>(),
            _ => null,
        };
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && double.IsFinite(d)) return d;
        throw new ArgumentException($"settings.{key}: '{node.ToJsonString()}' is not a number ≥ 0");
    }

    private static CpvCloseness Level(JsonObject settings, string key, CpvCloseness fallback)
    {
        var node = settings[key];
        if (node is null) return fallback;
        if (node is JsonValue v && v.TryGetValue<string>(out var text)
            && Enum.TryParse<CpvCloseness>(text, ignoreCase: true, out var level) && level != CpvCloseness.None)
            return level;
        throw new ArgumentException($"settings.{key}: '{node.ToJsonString()}' is not one of exact, category, class, group, division");
    }
}
