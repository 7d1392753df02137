using System.Globalization;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Documents.Mapping;

/// <summary>How figures read in the documents: British conventions, invariant digits, so output never depends on the machine's culture.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal amount, string currency) => currency.ToUpperInvariant() switch
    {
        "GBP" => amount < 0 ? "-£" + (-amount).ToString("#,##0.00", Invariant) : "£" + amount.ToString("#,##0.00", Invariant),
        "EUR" => "€" + amount.ToString("#,##0.00", Invariant),
        _ => amount.ToString("#,##0.00", Invariant) + " " + currency,
    };

    public static string Money(Core.Common.Money? money) => money is null ? "not published" : Money(money.Amount, money.Currency);

    public static string Number(decimal value) => value.ToString("#,##0.##", Invariant);

    public static string Whole(long value) => value.ToString("#,##0", Invariant);

    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.0", Invariant) + "%";

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Invariant);

    public static string Instant(DateTimeOffset? instant) => instant is null
        ? "not published"
        : DisplayTime.Current.DateAndTime(instant.Value);

    public static string Period(ContractPeriod? period)
    {
        if (period is null) return "not published";
        var parts = new List<string>();
        if (period.Start is { } start) parts.Add("from " + DisplayTime.Current.Date(start));
        if (period.End is { } end) parts.Add("to " + DisplayTime.Current.Date(end));
        if (period.DurationInDays is { } days) parts.Add($"({Whole(days)} days)");
        return parts.Count == 0 ? "not published" : string.Join(' ', parts);
    }

    public static string Places(IEnumerable<string> codes)
    {
        var names = codes.Select(ScottishPlaces.Default.NameOf).ToList();
        return names.Count == 0 ? "not stated" : string.Join(", ", names);
    }

    /// <summary>The unit as a reader says it: "hours", or "£ of value" for lots split by value.</summary>
    public static string Unit(string unit) => unit == LotUnits.Value ? "£ of value" : unit;

    /// <summary>One unit, as in "the price per hour".</summary>
    public static string UnitSingular(string unit) => unit switch
    {
        LotUnits.Value => "pound of contract value",
        LotUnits.Hours => "hour",
        LotUnits.Places => "place",
        LotUnits.Sessions => "session",
        _ => unit,
    };

    public static string Volume(long volume, string unit) => $"{Whole(volume)} {Unit(unit)}";
}
