using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// An award criterion's weight: a number ("70", "17.5") or a range ("15-40%", which dynamic purchasing systems use
/// so each call-off can set its own). In JSON a number stays a number and a range is <c>{"min":15,"max":40}</c>.
/// </summary>
[JsonConverter(typeof(CriterionWeightJsonConverter))]
public sealed partial record CriterionWeight(decimal Min, decimal Max)
{
    public bool IsRange => Min != Max;

    public static CriterionWeight Of(decimal value) => new(value, value);

    /// <summary>Parses "70", "70%", "17.5", "15-40%", "15 – 40 %"; null when the text holds no weight.</summary>
    public static CriterionWeight? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Pattern().Match(text);
        if (!match.Success) return null;
        var min = decimal.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture);
        if (!match.Groups["max"].Success) return Of(min);
        var max = decimal.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture);
        return min <= max ? new CriterionWeight(min, max) : null;
    }

    public override string ToString() => IsRange
        ? $"{Min.ToString(CultureInfo.InvariantCulture)}-{Max.ToString(CultureInfo.InvariantCulture)}%"
        : Min.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<min>\d{1,6}(\.\d+)?)\s*%?\s*(?:(?:-|–|to)\s*(?<max>\d{1,6}(\.\d+)?)\s*%?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public sealed class CriterionWeightJsonConverter : JsonConverter<CriterionWeight>
{
    public override CriterionWeight? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return CriterionWeight.Of(reader.GetDecimal());
            case JsonTokenType.StartObject:
                decimal? min = null, max = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (name == "min") min = reader.GetDecimal();
                    else if (name == "max") max = reader.GetDecimal();
                    else reader.Skip();
                }

                return new CriterionWeight(min ?? 0, max ?? min ?? 0);
            default:
                throw new JsonException("a weight is a number or {\"min\",\"max\"}");
        }
    }

    public override void Write(Utf8JsonWriter writer, CriterionWeight value, JsonSerializerOptions options)
    {
        if (!value.IsRange)
        {
            writer.WriteNumberValue(value.Min);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("min", value.Min);
        writer.WriteNumber("max", value.Max);
        writer.WriteEndObject();
    }
}
