using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Reads typed values out of a JSON element leniently where publishers differ (numbers as text, ids as numbers,
/// nulls for absent) and strictly where a wrong value would mislead (a negative amount, an impossible date). Every
/// problem names the JSON path, e.g. <c>releases[3].tender.lots[1].value.amount</c>.
/// </summary>
public sealed partial class JsonFields(IntakeProblems problems)
{
    public IntakeProblems Problems { get; } = problems;

    public static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The member's value, or null when the parent is not an object, the member is absent, or it is JSON null.</summary>
    public static JsonElement? Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public JsonElement? Object(JsonElement parent, string name, string path, bool required = false)
    {
        var at = Join(path, name);
        switch (Member(parent, name))
        {
            case null:
                if (required) Problems.Error(at, "required");
                return null;
            case { ValueKind: JsonValueKind.Object } value:
                return value;
            case var other:
                Problems.Error(at, $"expected an object, found {Describe(other.Value)}");
                return null;
        }
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string path)
    {
        var at = Join(path, name);
        var value = Member(parent, name);
        if (value is null) yield break;
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Problems.Error(at, $"expected an array, found {Describe(value.Value)}");
            yield break;
        }

        var i = 0;
        foreach (var item in value.Value.EnumerateArray()) yield return (item, Index(at, i++));
    }

    /// <summary>Objects of an array; other items are reported.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement parent, string name, string path)
    {
        foreach (var (item, at) in Array(parent, name, path))
        {
            if (item.ValueKind == JsonValueKind.Object) yield return (item, at);
            else Problems.Error(at, $"expected an object, found {Describe(item)}");
        }
    }

    /// <summary>Strings of an array (numbers accepted as text, nulls skipped).</summary>
    public IEnumerable<(string Value, string Path)> Strings(JsonElement parent, string name, string path)
    {
        foreach (var (item, at) in Array(parent, name, path))
        {
            if (item.ValueKind == JsonValueKind.Null) continue;
            if (Text(item, at) is { } text) yield return (text, at);
        }
    }

    public string? String(JsonElement parent, string name, string path, bool required = false)
    {
        var at = Join(path, name);
        var value = Member(parent, name);
        if (value is null)
        {
            if (required) Problems.Error(at, "required");
            return null;
        }

        var text = Text(value.Value, at);
        if (required && text is not null && string.IsNullOrWhiteSpace(text))
        {
            Problems.Error(at, "required, found an empty text");
            return null;
        }

        return text;
    }

    /// <summary>A string or number as text; some publishers write ids as numbers.</summary>
    public string? Text(JsonElement value, string at)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length > Problems.Options.MaxStringLength)
                {
                    Problems.Error(at, $"text is {text.Length:N0} characters; the limit is {Problems.Options.MaxStringLength:N0}");
                    return null;
                }

                return LostLineBreaks.Restore(Entities.Decode(text));
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                Problems.Error(at, $"expected a text, found {Describe(value)}");
                return null;
        }
    }

    public decimal? Number(JsonElement parent, string name, string path, bool allowNegative = false)
    {
        var at = Join(path, name);
        if (Member(parent, name) is not { } value) return null;
        decimal number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out number))
            {
                Problems.Error(at, $"{value.GetRawText()} is out of range");
                return null;
            }
        }
        else if (value.ValueKind == JsonValueKind.String && TryParseNumber(value.GetString()!, out number))
        {
            // "200000" as text: tolerated, some publishers serialise every value as a string.
        }
        else
        {
            Problems.Error(at, $"expected a number, found {Describe(value)}");
            return null;
        }

        if (number < 0 && !allowNegative)
        {
            Problems.Error(at, $"must not be negative, found {number.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return number;
    }

    public int? Integer(JsonElement parent, string name, string path)
    {
        var number = Number(parent, name, path);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value) || number > int.MaxValue)
        {
            Problems.Error(Join(path, name), $"expected a whole number, found {number.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)number.Value;
    }

    public bool? Bool(JsonElement parent, string name, string path)
    {
        var at = Join(path, name);
        switch (Member(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.True }:
                return true;
            case { ValueKind: JsonValueKind.False }:
                return false;
            case { ValueKind: JsonValueKind.String } text when TryParseBool(text.GetString()!, out var b):
                return b;
            case var other:
                Problems.Error(at, $"expected true or false, found {Describe(other.Value)}");
                return null;
        }
    }

    public DateTimeOffset? Date(JsonElement parent, string name, string path)
    {
        var at = Join(path, name);
        if (Member(parent, name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Problems.Error(at, $"expected a date-time text such as 2025-02-14T12:00:00Z, found {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (TryParseDate(text, out var date)) return date;
        Problems.Error(at, $"'{Clip(text)}' is not a valid date (expected ISO 8601 such as 2025-02-14T12:00:00Z)");
        return null;
    }

    /// <summary>Two dates where the second may not come before the first (a contract cannot end before it starts).</summary>
    public (DateTimeOffset? Start, DateTimeOffset? End) DateRange(JsonElement parent, string startName, string endName, string path)
    {
        var start = Date(parent, startName, path);
        var end = Date(parent, endName, path);
        if (start is not null && end is not null && end < start)
        {
            Problems.Error(Join(path, endName), $"{end:yyyy-MM-dd} is before {startName} {start:yyyy-MM-dd}");
            return (start, null);
        }

        return (start, end);
    }

    /// <summary>An OCDS Value object: { amount, currency }. An object with neither is treated as absent.</summary>
    public Money? Money(JsonElement parent, string name, string path)
    {
        var value = Object(parent, name, path);
        if (value is null) return null;
        var at = Join(path, name);
        var amount = Number(value.Value, "amount", at);
        var currency = String(value.Value, "currency", at);
        if (amount is null) return null;
        if (currency is null)
        {
            Problems.Error(Join(at, "currency"), "required with an amount (an ISO 4217 code such as GBP)");
            return null;
        }

        if (!CurrencyPattern().IsMatch(currency))
        {
            Problems.Error(Join(at, "currency"), $"'{Clip(currency)}' is not an ISO 4217 currency code such as GBP");
            return null;
        }

        return new Money(amount.Value, currency.ToUpperInvariant());
    }

    public static bool IsCurrencyCode(string text) => CurrencyPattern().IsMatch(text);

    public static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out number);

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1":
                value = true;
                return true;
            case "false" or "no" or "n" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>ISO 8601 only: a date, or a date-time with or without offset (none means UTC). 31 February is refused.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        date = default;
        var trimmed = text.Trim();
        if (!IsoDatePattern().IsMatch(trimmed)) return false;
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text \"{Clip(value.GetString()!)}\"",
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    public static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex("^[A-Za-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
