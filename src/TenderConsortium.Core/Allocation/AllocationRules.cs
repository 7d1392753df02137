using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The consortium's allocation rules, as settings of the workflow definition. Shares and weights are fractions
/// (0.4 = 40%); in settings they may also be written as text with a percent sign ("40%").
/// Weights are used to the nearest 1/100 so that costs stay integers and the solver stays exact.
/// </summary>
public sealed record AllocationRules
{
    /// <summary>Largest share of a lot's demand one member may get (cap). Key <c>maxSharePerMember</c>, default 0.4.</summary>
    public decimal MaxSharePerMember { get; init; } = 0.4m;

    /// <summary>Share of the lot a micro member that declared should get at least (floor). Key <c>microMinShare</c>, default 0.1.</summary>
    public decimal MicroMinShare { get; init; } = 0.1m;

    /// <summary>Members with fewer staff than this are micro. Key <c>microStaffBelow</c>, default 10.</summary>
    public int MicroStaffBelow { get; init; } = 10;

    /// <summary>Weight of price (against the lot's reference price). Key <c>priceWeight</c>, default 0.5.</summary>
    public decimal PriceWeight { get; init; } = 0.5m;

    /// <summary>Weight of quality shortfall (1 − quality). Key <c>qualityWeight</c>, default 0.3.</summary>
    public decimal QualityWeight { get; init; } = 0.3m;

    /// <summary>Weight of social-value shortfall (1 − social value). Key <c>socialValueWeight</c>, default 0.2.</summary>
    public decimal SocialValueWeight { get; init; } = 0.2m;

    /// <summary>Penalty weight on each unit given to a member not based in the lot's areas. Key <c>localityWeight</c>, default 0.1.</summary>
    public decimal LocalityWeight { get; init; } = 0.1m;

    /// <summary>Penalty weight on recent awards, so that members who won less lately are lifted. Key <c>rotationWeight</c>, default 0.05.</summary>
    public decimal RotationWeight { get; init; } = 0.05m;

    /// <summary>Recent awards at which the rotation penalty is full. Key <c>rotationSaturation</c>, default 5.</summary>
    public int RotationSaturation { get; init; } = 5;

    /// <summary>Weight of the rising cost of concentration (fairness). Key <c>concentrationWeight</c>, default 0.2.</summary>
    public decimal ConcentrationWeight { get; init; } = 0.2m;

    /// <summary>Steps of the concentration cost (10 = one per 10% of the lot). Key <c>concentrationSteps</c>, default 10.</summary>
    public int ConcentrationSteps { get; init; } = 10;

    public static AllocationRules Default { get; } = new();

    public bool IsMicroMember(int staff) => staff < MicroStaffBelow;

    /// <summary>
    /// Reads the rules from a workflow definition's settings: either the keys at top level or under
    /// <c>"allocation"</c>. Missing keys keep their defaults; unknown keys are left for other stages.
    /// </summary>
    public static AllocationRules FromSettings(JsonObject? settings)
    {
        if (settings is null)
            return Default;
        var node = settings["allocation"] as JsonObject ?? settings;
        var problems = new List<string>();
        var rules = new AllocationRules
        {
            MaxSharePerMember = Fraction(node, "maxSharePerMember", Default.MaxSharePerMember, problems),
            MicroMinShare = Fraction(node, "microMinShare", Default.MicroMinShare, problems),
            MicroStaffBelow = Whole(node, "microStaffBelow", Default.MicroStaffBelow, 0, problems),
            PriceWeight = Fraction(node, "priceWeight", Default.PriceWeight, problems),
            QualityWeight = Fraction(node, "qualityWeight", Default.QualityWeight, problems),
            SocialValueWeight = Fraction(node, "socialValueWeight", Default.SocialValueWeight, problems),
            LocalityWeight = Fraction(node, "localityWeight", Default.LocalityWeight, problems),
            RotationWeight = Fraction(node, "rotationWeight", Default.RotationWeight, problems),
            RotationSaturation = Whole(node, "rotationSaturation", Default.RotationSaturation, 1, problems),
            ConcentrationWeight = Fraction(node, "concentrationWeight", Default.ConcentrationWeight, problems),
            ConcentrationSteps = Whole(node, "concentrationSteps", Default.ConcentrationSteps, 1, problems),
        };
        if (problems.Count > 0)
            throw new BadInputException(problems);
        return rules;
    }

    private static decimal Fraction(JsonObject node, string key, decimal fallback, List<string> problems)
    {
        var value = node[key];
        if (value is null)
            return fallback;
        decimal? fraction = null;
        if (Number(value) is { } number)
            fraction = number;
        else if (value is JsonValue t && t.TryGetValue<string>(out var text))
        {
            var percent = text.Trim().EndsWith('%');
            if (decimal.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                fraction = percent ? parsed / 100m : parsed;
        }

        if (fraction is >= 0 and <= 1)
            return fraction.Value;
        problems.Add($"settings.{key}: expected a fraction from 0 to 1 (or text like \"40%\"), got {value.ToJsonString()}");
        return fallback;
    }

    /// <summary>
    /// A JSON number whether the node was parsed (backed by a JsonElement) or built in code from an int, double or
    /// decimal: its JSON text is the one form they share.
    /// </summary>
    private static decimal? Number(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static int Whole(JsonObject node, string key, int fallback, int minimum, List<string> problems)
    {
        var value = node[key];
        if (value is null)
            return fallback;
        if (Number(value) is { } number && number == decimal.Truncate(number) && number >= minimum && number <= int.MaxValue)
            return (int)number;
        problems.Add($"settings.{key}: expected a whole number of at least {minimum}, got {value.ToJsonString()}");
        return fallback;
    }
}
