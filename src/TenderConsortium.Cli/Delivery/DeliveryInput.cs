using System.Globalization;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Delivery;

/// <summary>Reads the delivery commands' options as a lead types them; a bad value names the option and shows a good one.</summary>
internal static class DeliveryInput
{
    public static DateOnly? Date(string option, string? text)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ProblemException(option, ProblemCode.Invalid, $"'{text}' is not a date; write it as year-month-day, e.g. 2027-06-20");
    }

    public static decimal Amount(string option, string? text)
    {
        var clean = (text ?? "").Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new ProblemException(option, ProblemCode.Invalid, $"'{text}' is not an amount; write pounds and pence, e.g. 1250.00");
    }

    /// <summary>"5%" or "0.05" → 0.05.</summary>
    public static decimal Rate(string option, string text)
    {
        var clean = text.Trim();
        var percent = clean.EndsWith('%');
        if (!decimal.TryParse(clean.TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new ProblemException(option, ProblemCode.Invalid, $"'{text}' is not a rate; write it as a percentage, e.g. 5%");
        return percent || value > 1 ? value / 100m : value;
    }

    /// <summary>"1=420" pairs (a lot or a measure, then a quantity); each bad one is named by its position.</summary>
    public static IReadOnlyList<(string Key, decimal Quantity)> Pairs(string option, IEnumerable<string> texts, string example)
    {
        var result = new List<(string, decimal)>();
        var problems = new List<Problem>();
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            var at = text.IndexOf('=');
            if (at <= 0 || !decimal.TryParse(text[(at + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity))
                problems.Add(new Problem($"{option} ({i + 1})", ProblemCode.Invalid, $"'{text}' should be a name, '=' and a number, e.g. {example}"));
            else result.Add((text[..at].Trim(), quantity));
        }

        if (problems.Count > 0) throw new ProblemException(problems);
        return result;
    }
}
