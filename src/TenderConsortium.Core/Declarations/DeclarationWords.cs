using System.Globalization;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Declarations;

/// <summary>
/// The words a member reads about a declaration, in the lot's own units: the questions' bounds and what to enter when
/// an answer is refused ("Enter a number of hours between 1 and 10,000"). One place, so the form's hints and the
/// reader's messages say the same thing.
/// </summary>
public static class DeclarationWords
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Number(long n) => n.ToString("N0", Inv);

    public static string Pounds(decimal amount) => "£" + amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", Inv);

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", Inv);

    /// <summary>"hour", "place", "session"; for a value lot, "pound".</summary>
    public static string Singular(string unit) => unit switch
    {
        LotUnits.Hours => "hour",
        LotUnits.Places => "place",
        LotUnits.Sessions => "session",
        LotUnits.Value => "pound",
        _ => unit,
    };

    /// <summary>"10,000 hours"; for a value lot "£200,000 of work".</summary>
    public static string Amount(string unit, long quantity) =>
        unit == LotUnits.Value ? $"{Pounds(quantity)} of work" : $"{Number(quantity)} {(quantity == 1 ? Singular(unit) : unit)}";

    /// <summary>
    /// An offer as a person reads it back, in the lot's units: "3,000 hours at £29.50 per hour"; for a value lot, whose
    /// price is a share of the buyer's estimate, "£200,000 of work at 95% of the buyer's estimate". Without terms, "3,000 at £29.50 each".
    /// </summary>
    public static string Offer(LotTerms? terms, long volume, decimal price) => terms switch
    {
        null => $"{Number(volume)} at {Pounds(price)} each",
        { Unit: LotUnits.Value } => $"{Amount(terms.Unit, volume)} at {(price * 100).ToString("0.#", Inv)}% of the buyer's estimate",
        _ => $"{Amount(terms.Unit, volume)} at {Pounds(price)} per {Singular(terms.Unit)}",
    };

    /// <summary>What to enter for the volume of a lot.</summary>
    public static string Volume(LotTerms terms) => terms.Unit == LotUnits.Value
        ? $"Enter an amount of work in pounds between £1 and {Pounds(terms.Demand)}"
        : $"Enter a number of {terms.Unit} between 1 and {Number(terms.Demand)}";

    /// <summary>The highest price per unit accepted: ten times the lead's reference price, else £100,000.</summary>
    public static decimal PriceCeiling(LotTerms terms) => terms.ReferencePricePerUnit is { } reference ? reference * 10m : 100_000m;

    /// <summary>What to enter for the price per unit of a lot counted in hours, places or sessions.</summary>
    public static string Price(LotTerms terms) =>
        $"Enter your price per {Singular(terms.Unit)} in pounds, more than £0 and no more than {Pounds(PriceCeiling(terms))}";

    /// <summary>A value lot's price is a share of the buyer's estimate: 1 is at the estimate (files and the API).</summary>
    public const string ValuePrice = "Enter your price as a share of the buyer's estimate between 0.5 and 1.5, where 1 means the estimate itself";

    /// <summary>The same, as the member's form asks it: a percentage of the buyer's estimate.</summary>
    public const string ValuePricePercent = "Enter your price as a percentage of the buyer's estimate, between 50 and 150";

    public static string Quantity(SocialValueMeasure? measure, decimal max) => measure is null
        ? $"Enter a quantity above 0 and no more than {max.ToString("N0", Inv)}"
        : $"Enter {MeasureUnit(measure)} for {measure.Id}, above 0 and no more than {max.ToString("N0", Inv)}";

    /// <summary>A measure's unit in words ("no. weeks" reads "a number of weeks", "GBP" an amount in pounds).</summary>
    public static string MeasureUnit(SocialValueMeasure measure)
    {
        var unit = measure.Unit.Trim();
        if (unit == "%") return "a percentage";
        if (unit.StartsWith("GBP", StringComparison.Ordinal)) return "an amount in pounds";
        if (unit.StartsWith("no. ", StringComparison.Ordinal)) return "a number of " + unit["no. ".Length..].Replace(" x no. ", " × ", StringComparison.Ordinal);
        return "a quantity in " + unit;
    }
}
