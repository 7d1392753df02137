using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Who the consortium is on paper: the lead body that bids and signs, its fee, and the limits the pack must respect.
/// Read from the workflow definition's settings (keys at top level or under <c>"bidPack"</c>), so each consortium sets
/// its own without a release; every key has a default so a pack can always be drafted.
/// </summary>
public sealed record ConsortiumProfile
{
    /// <summary>The group name used in SPD Part II.A (key <c>consortiumName</c>).</summary>
    public string Name { get; init; } = "Social Enterprise Consortium";

    /// <summary>
    /// The lead body, prime contractor and signatory of the tender (key <c>leadBody</c>; not <c>leadName</c>, which
    /// names the person members contact).
    /// </summary>
    public string LeadName { get; init; } = "Social Enterprise Consortium Ltd";

    /// <summary>Key <c>leadRegistration</c>.</summary>
    public string LeadRegistration { get; init; } = "";

    /// <summary>Key <c>leadAddress</c>.</summary>
    public string LeadAddress { get; init; } = "";

    /// <summary>Who signs for the lead (key <c>signatory</c>).</summary>
    public string Signatory { get; init; } = "";

    /// <summary>
    /// The lead's management fee as a fraction of members' prices, added on top and shown openly in the pricing
    /// schedule (key <c>managementFee</c>, e.g. 0.05 or "5%"). Default 5%.
    /// </summary>
    public decimal ManagementFee { get; init; } = 0.05m;

    /// <summary>
    /// Days within which the lead pays a member's valid invoice (key <c>paymentDays</c>). Never more than 30: the
    /// 30-day term of the main contract must flow down the chain (Public Contracts (Scotland) Regulations 2015 reg. 70).
    /// </summary>
    public int PaymentDays { get; init; } = 30;

    /// <summary>Days before the tender deadline under which the adviser is warned (key <c>minDaysBeforeDeadline</c>).</summary>
    public int MinDaysBeforeDeadline { get; init; } = 5;

    /// <summary>
    /// Word limits per section of the pack (key <c>wordLimits</c>, an object of section id → words; see
    /// <see cref="BidPackSections"/>); <c>memberStatement</c> limits each member's capability statement.
    /// </summary>
    public IReadOnlyDictionary<string, int> WordLimits { get; init; } = DefaultWordLimits;

    public static IReadOnlyDictionary<string, int> DefaultWordLimits { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [BidPackSections.Cover] = 800,
        [BidPackSections.MemberStatement] = 500,
    };

    public static ConsortiumProfile Default { get; } = new();

    public static ConsortiumProfile FromSettings(JsonObject? settings)
    {
        if (settings is null) return Default;
        var node = settings["bidPack"] as JsonObject ?? settings;
        var problems = new List<string>();
        var profile = new ConsortiumProfile
        {
            Name = Text(node, "consortiumName", Default.Name, problems),
            LeadName = Text(node, "leadBody", Default.LeadName, problems),
            LeadRegistration = Text(node, "leadRegistration", Default.LeadRegistration, problems),
            LeadAddress = Text(node, "leadAddress", Default.LeadAddress, problems),
            Signatory = Text(node, "signatory", Default.Signatory, problems),
            ManagementFee = Fraction(node, "managementFee", Default.ManagementFee, problems),
            PaymentDays = Whole(node, "paymentDays", Default.PaymentDays, 1, 30, problems),
            MinDaysBeforeDeadline = Whole(node, "minDaysBeforeDeadline", Default.MinDaysBeforeDeadline, 0, 365, problems),
            WordLimits = Limits(node, problems),
        };
        if (problems.Count > 0) throw new BadInputException(problems);
        return profile;
    }

    private static string Text(JsonObject node, string key, string fallback, List<string> problems)
    {
        var value = node[key];
        if (value is null) return fallback;
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)) return text.Trim();
        problems.Add($"settings.{key}: expected a non-empty text");
        return fallback;
    }

    private static decimal Fraction(JsonObject node, string key, decimal fallback, List<string> problems)
    {
        var value = node[key];
        if (value is null) return fallback;
        decimal? fraction = null;
        if (value is JsonValue v && v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number) fraction = element.GetDecimal();
        else if (value is JsonValue n && n.TryGetValue<decimal>(out var number)) fraction = number;
        else if (value is JsonValue t && t.TryGetValue<string>(out var text))
        {
            var percent = text.Trim().EndsWith('%');
            if (decimal.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                fraction = percent ? parsed / 100m : parsed;
        }

        // A fee above a quarter of the members' prices is not a management fee but in-housing; refuse it as a typo.
        if (fraction is >= 0 and <= 0.25m) return fraction.Value;
        problems.Add($"settings.{key}: expected a fraction from 0 to 0.25 (or text like \"5%\"), got {value.ToJsonString()}");
        return fallback;
    }

    private static int Whole(JsonObject node, string key, int fallback, int min, int max, List<string> problems)
    {
        var value = node[key];
        if (value is null) return fallback;
        if (value is JsonValue v && v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number
            && element.TryGetInt32(out var parsed) && parsed >= min && parsed <= max) return parsed;
        if (value is JsonValue i && i.TryGetValue<int>(out var number) && number >= min && number <= max) return number;
        problems.Add($"settings.{key}: expected a whole number from {min} to {max}, got {value.ToJsonString()}");
        return fallback;
    }

    private static IReadOnlyDictionary<string, int> Limits(JsonObject node, List<string> problems)
    {
        var value = node["wordLimits"];
        if (value is null) return DefaultWordLimits;
        if (value is not JsonObject limits)
        {
            problems.Add("settings.wordLimits: expected an object of section → words");
            return DefaultWordLimits;
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (section, words) in limits)
        {
            if (!BidPackSections.All.Contains(section)) problems.Add($"settings.wordLimits.{section}: unknown section (expected: {string.Join(", ", BidPackSections.All)})");
            else if (words is JsonValue w && w.TryGetValue<int>(out var n) && n > 0) result[section] = n;
            else if (words is JsonValue e && e.TryGetValue<JsonElement>(out var el) && el.ValueKind == JsonValueKind.Number && el.TryGetInt32(out var m) && m > 0) result[section] = m;
            else problems.Add($"settings.wordLimits.{section}: expected a positive whole number");
        }

        return result;
    }
}
