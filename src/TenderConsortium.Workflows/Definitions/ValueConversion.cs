using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>Reads JSON values as the typed values of settings and properties, with messages saying what was expected.</summary>
public static class ValueConversion
{
    public const string ReferencePrefix = "=";

    public static bool IsReference(JsonNode? node, out string path)
    {
        path = "";
        if (node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith(ReferencePrefix, StringComparison.Ordinal) && s.Length > 1)
        {
            path = s[1..].Trim();
            return true;
        }

        return false;
    }

    public static string Expected(ValueKind kind) => kind switch
    {
        ValueKind.String => "a string",
        ValueKind.Number => "a number",
        ValueKind.Integer => "a whole number",
        ValueKind.Boolean => "true or false",
        ValueKind.Duration => "an ISO 8601 duration such as \"P3D\" or \"PT2S\"",
        ValueKind.DateTime => "an ISO 8601 date and time with offset such as \"2026-12-01T12:00:00Z\"",
        ValueKind.StringList => "an array of strings",
        ValueKind.Object => "a JSON object or array",
        ValueKind.Condition => "a condition object",
        _ => kind.ToString(),
    };

    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.StringList => "string[]",
        ValueKind.DateTime => "datetime",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParseKind(string? name, out ValueKind kind)
    {
        foreach (var k in Enum.GetValues<ValueKind>())
        {
            if (KindName(k) == name)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>True when <paramref name="node"/> is a literal of <paramref name="kind"/>.</summary>
    public static bool Fits(JsonNode? node, ValueKind kind) => TryConvert(node, kind, out _);

    public static bool TryConvert(JsonNode? node, ValueKind kind, out object? value)
    {
        value = null;
        if (node is null) return false;
        var valueKind = node.GetValueKind();
        switch (kind)
        {
            case ValueKind.String when valueKind == JsonValueKind.String:
                value = node.GetValue<string>();
                return true;
            case ValueKind.Number when valueKind == JsonValueKind.Number:
                // Valid JSON such as 1e400 lies outside decimal; it is refused like any other non-number, not thrown.
                if (!decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
                value = number;
                return true;
            case ValueKind.Integer when valueKind == JsonValueKind.Number && TryGetWholeNumber(node, out var l):
                value = l;
                return true;
            case ValueKind.Boolean when valueKind is JsonValueKind.True or JsonValueKind.False:
                value = node.GetValue<bool>();
                return true;
            case ValueKind.Duration when valueKind == JsonValueKind.String:
                if (TryParseDuration(node.GetValue<string>(), out var span))
                {
                    value = span;
                    return true;
                }

                return false;
            case ValueKind.DateTime when valueKind == JsonValueKind.String:
                var text = node.GetValue<string>();
                // An instant without an offset is ambiguous for a deadline, so it is refused.
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text)))
                {
                    value = at;
                    return true;
                }

                return false;
            case ValueKind.StringList when valueKind == JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in node.AsArray())
                {
                    if (item is null || item.GetValueKind() != JsonValueKind.String) return false;
                    list.Add(item.GetValue<string>());
                }

                value = list;
                return true;
            case ValueKind.Object when valueKind is JsonValueKind.Object or JsonValueKind.Array:
            case ValueKind.Condition when valueKind == JsonValueKind.Object:
                value = node;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A whole number however the node holds it: parsed JSON, or a value built in code from an int or a double.
    /// </summary>
    public static bool TryGetWholeNumber(JsonNode node, out long value)
    {
        value = 0;
        if (node.GetValueKind() != JsonValueKind.Number) return false;
        if (!decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d)
            || d < long.MinValue || d > long.MaxValue) return false;
        value = (long)d;
        return true;
    }

    public static bool TryParseDuration(string text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text) || text[0] != 'P') return false;
        try
        {
            span = XmlConvert.ToTimeSpan(text);
            return span >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static string FormatDuration(TimeSpan span) => XmlConvert.ToString(span);

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0) return false;
        var tail = text[(t + 1)..];
        return tail.Contains('+') || tail.Contains('-');
    }
}
