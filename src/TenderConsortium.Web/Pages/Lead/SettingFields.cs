using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// The settings form's fields, one per thing a coordinator decides: durations in days, percentages, yes or no, a
/// field per rule for a setting made of rules (the allocation's), and no field at all for what is decided per bid
/// (how each lot is counted, asked on the start form). Nobody types JSON or an ISO duration.
/// </summary>
internal static class SettingFields
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Settings that describe one bid's lots: set on each opportunity's start form, not as a default.</summary>
    public static bool IsPerBid(SettingDefinition setting) => setting.Type is ValueKind.Object && setting.Default is JsonObject { Count: 0 };

    public static string Field(string setting, string rule) => $"setting-{setting}-{rule}";

    public static Html Render(SettingDefinition sd, JsonNode? saved, FormState form)
    {
        var label = SettingWords.Label(sd.Name);
        if (IsPerBid(sd))
            return H.Html($"""
                <h3 class="govuk-heading-s">{label}</h3>
                <p class="govuk-body">You set this for each bid, lot by lot, on the opportunity's page when you start it.</p>
                """);
        if (sd.Type is ValueKind.Object && sd.Default is JsonObject rules)
            return H.Html($"""
                <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
                {H.Each(rules, rule =>
                {
                    var field = Field(sd.Name, rule.Key);
                    var current = form.Has(field) ? form.Value(field) : saved is JsonObject mine && mine[rule.Key] is { } v ? SettingWords.Value(rule.Key, v) : "";
                    return Forms.TextInput(field, field, SettingWords.Label(rule.Key), current, form,
                        $"Default: {SettingWords.Value(rule.Key, rule.Value)}. {RuleHint(rule.Key, rule.Value)}.", "govuk-input--width-5", spellcheck: "false");
                })}
                </fieldset>
                """);

        var name = $"setting-{sd.Name}";
        var shown = form.Has(name) ? form.Value(name) : saved is null ? "" : Words(sd, saved);
        var hint = $"{sd.Description} Default: {SettingWords.Value(sd.Name, sd.Default, sd.Type)}. {Hint(sd)}.";
        return Forms.TextInput(name, name, label, shown, form, hint, "govuk-!-width-two-thirds", labelClass: "govuk-label govuk-label--s", spellcheck: "false");
    }

    /// <summary>A saved value as the person would type it again.</summary>
    private static string Words(SettingDefinition sd, JsonNode saved) => saved switch
    {
        JsonArray list => string.Join(", ", list.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? SettingWords.Duration(v.GetValue<string>()) : SettingWords.Value(sd.Name, i))),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => sd.Type is ValueKind.Duration ? SettingWords.Duration(v.GetValue<string>()) : v.GetValue<string>(),
        _ => SettingWords.Value(sd.Name, saved),
    };

    /// <summary>What to type, in the error and the hint: "Enter a number of days, for example 10 days".</summary>
    public static string Hint(SettingDefinition sd) => sd.Type switch
    {
        ValueKind.Duration => "Enter a number of days or hours, for example 10 days",
        ValueKind.Boolean => "Enter yes or no",
        ValueKind.Integer => "Enter a whole number, for example 3",
        ValueKind.Number => "Enter a number, for example 15000",
        ValueKind.Object when sd.Default is JsonArray => "Enter days before the deadline, separated by commas, for example 3 days, 1 day",
        // A text setting whose default is a percentage (the management fee) is typed as one.
        ValueKind.String when sd.Default is JsonValue d && d.GetValueKind() == JsonValueKind.String && d.GetValue<string>().TrimEnd().EndsWith('%')
            => $"Enter a percentage, for example {d.GetValue<string>().Trim()}",
        _ => "Enter the words to use",
    };

    /// <summary>"Enter a percentage from 0 to 100, for example 40%" for a share or a weight; a whole number otherwise.</summary>
    public static string RuleHint(string rule, JsonNode? fallback) => IsPercent(rule, fallback)
        ? "Enter a percentage from 0 to 100, for example 40%"
        : "Enter a whole number, for example 10";

    /// <summary>The rule as the allocation reads it: a share or weight as "40%", a count as a number; null when it does not read.</summary>
    public static JsonNode? ReadRule(string rule, string text, JsonNode? fallback)
    {
        var number = text.Trim().TrimEnd('%').Trim();
        if (!decimal.TryParse(number, NumberStyles.Number, Inv, out var n) || n < 0) return null;
        if (IsPercent(rule, fallback)) return n <= 100 ? JsonValue.Create(n.ToString("0.##", Inv) + "%") : null;
        return n == decimal.Floor(n) ? JsonValue.Create((long)n) : null;
    }

    /// <summary>"10 days" → "P10D"; null when it is not a number of days, weeks, hours or minutes.</summary>
    public static string? ReadDuration(string text)
    {
        var iso = SettingWords.ToIso(text);
        return iso != text.Trim() && iso.StartsWith('P') ? iso : null;
    }

    /// <summary>"3 days, 1 day" → ["P3D", "P1D"]; null when any part does not read.</summary>
    public static JsonArray? ReadDurations(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ReadDuration).ToList();
        return parts.Count == 0 || parts.Any(p => p is null) ? null : new JsonArray(parts.Select(p => (JsonNode)JsonValue.Create(p!)).ToArray());
    }

    private static bool IsPercent(string rule, JsonNode? fallback) =>
        rule.EndsWith("Weight", StringComparison.Ordinal) || rule.EndsWith("Share", StringComparison.Ordinal) || rule.EndsWith("PerMember", StringComparison.Ordinal)
        || (fallback is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().EndsWith('%'));
}
