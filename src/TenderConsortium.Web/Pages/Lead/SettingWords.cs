using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// A workflow setting as a coordinator reads it: a label instead of its key, days instead of ISO durations,
/// percentages instead of fractions, yes/no, and never JSON. The keys stay the form's field names only.
/// </summary>
internal static class SettingWords
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["consortiumName"] = "Consortium's name in emails",
        ["leadName"] = "Whom members contact",
        ["leadEmail"] = "Lead's email for replies and reports",
        ["adviserEmail"] = "Adviser's email",
        ["confirmShortlist"] = "Confirm the shortlist before members are invited",
        ["declarationPeriod"] = "Time members have to declare",
        ["declarationGrace"] = "Extra time after the members' deadline",
        ["reminders"] = "Reminders before the members' deadline",
        ["invitePerLot"] = "Members invited per lot",
        ["completeWhenAllAnswered"] = "Close declarations when every member has answered",
        ["consentPeriod"] = "Time members have to accept their share",
        ["rotationWindow"] = "How far back past work counts when sharing work fairly",
        ["socialValueFullMeasures"] = "Social-value measures for a full score",
        ["lotTerms"] = "How each lot is split",
        ["allocation"] = "Allocation rules",
        ["reviewPeriod"] = "Time the adviser has to review the bid pack",
        ["submissionWarning"] = "Warning before the tender deadline",
        ["managementFee"] = "Lead's management fee",
        ["leadBody"] = "Lead body",
        ["leadRegistration"] = "Lead body's registration number",
        ["leadAddress"] = "Lead body's address",
        ["signatory"] = "Who signs for the lead body",
        ["reviewThreshold"] = "Contract value from which the adviser reviews",
        ["maxSharePerMember"] = "Largest share of a lot for one member",
        ["microMinShare"] = "Smallest share for a micro enterprise",
        ["microStaffBelow"] = "Micro enterprise: staff fewer than",
        ["priceWeight"] = "Weight of price",
        ["qualityWeight"] = "Weight of quality",
        ["socialValueWeight"] = "Weight of social value",
        ["localityWeight"] = "Weight of being local",
        ["rotationWeight"] = "Weight of sharing work over time",
        ["concentrationWeight"] = "Weight of spreading work among members",
    };

    /// <summary>Keys whose fractions read as percentages (0.5 → 50%).</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "priceWeight", "qualityWeight", "socialValueWeight", "localityWeight", "rotationWeight", "concentrationWeight", "maxSharePerMember", "microMinShare",
    };

    public static string Label(string key) => Labels.TryGetValue(key, out var label) ? label : Words(key);

    /// <summary>The value in words; "not set" when there is none.</summary>
    public static string Value(string key, JsonNode? value, ValueKind? kind = null)
    {
        switch (value)
        {
            case null:
                return "not set";
            case JsonArray array:
                return array.Count == 0 ? "none" : string.Join(", ", array.Select(a => Value(key, a))) + (key == "reminders" ? " before" : "");
            case JsonObject o:
                return o.Count == 0 ? "none set" : string.Join("; ", o.Select(kv => $"{Label(kv.Key)}: {Value(kv.Key, kv.Value)}"));
        }

        var v = (JsonValue)value;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True: return "Yes";
            case JsonValueKind.False: return "No";
            case JsonValueKind.Number:
                var n = v.GetValue<decimal>();
                return Fractions.Contains(key) && n <= 1 ? (n * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : n.ToString("#,##0.##", CultureInfo.InvariantCulture);
        }

        var text = v.GetValue<string>();
        return kind is ValueKind.Duration || (kind is null && text.StartsWith('P') && TryDuration(text, out _)) ? Duration(text) : text;
    }

    /// <summary>"P10D" → "10 days", "PT0S" → "none", "PT12H" → "12 hours".</summary>
    public static string Duration(string iso)
    {
        if (!TryDuration(iso, out var span)) return iso;
        if (span == TimeSpan.Zero) return "none";
        if (span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)) return Count((int)span.TotalDays, "day");
        if (span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)) return Count((int)span.TotalHours, "hour");
        return Count((int)Math.Ceiling(span.TotalMinutes), "minute");
    }

    /// <summary>What a person types for a duration ("10 days", "12 hours", "0") as ISO 8601; the text itself when it is ISO already or unreadable.</summary>
    public static string ToIso(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && parts[0] is "0" or "none") return "PT0S";
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return text.Trim();
        return parts[1].TrimEnd('s').ToLowerInvariant() switch
        {
            "day" => $"P{n}D",
            "week" => $"P{n * 7}D",
            "hour" => $"PT{n}H",
            "minute" => $"PT{n}M",
            _ => text.Trim(),
        };
    }

    private static bool TryDuration(string iso, out TimeSpan span)
    {
        try
        {
            span = XmlConvert.ToTimeSpan(iso);
            return true;
        }
        catch (FormatException)
        {
            span = default;
            return false;
        }
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    /// <summary>A key no label names yet, split into words: "inviteWindow" → "Invite window".</summary>
    private static string Words(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : i == 0 ? char.ToUpperInvariant(c).ToString() : c.ToString()));
}
