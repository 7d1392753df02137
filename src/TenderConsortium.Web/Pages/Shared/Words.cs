using System.Globalization;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>Dates, money, units and countdowns in plain words, the same on every page.</summary>
public static class Words
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", Inv);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", Inv);

    public static string Day(DateOnly at) => at.ToString("d MMMM yyyy", Inv);

    public static string Number(long n) => n.ToString("N0", Inv);

    public static string Number(decimal n) => n.ToString("#,##0.##", Inv);

    public static string Pounds(decimal amount) => "£" + amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", Inv);

    public static string Money(Money? money) => money is null ? "Not published by the buyer" : money.Currency == "GBP" ? Pounds(money.Amount) : money.ToString();

    public static string Percent(decimal p) => p.ToString("0.#", Inv) + "%";

    public static string Singular(string unit) => unit switch
    {
        LotUnits.Hours => "hour",
        LotUnits.Places => "place",
        LotUnits.Sessions => "session",
        LotUnits.Value => "£1 of value",
        _ => unit,
    };

    public static string Unit(string unit) => unit == LotUnits.Value ? "£ of contract value" : unit;

    /// <summary>"in 3 days", "in 5 hours", "closed 2 days ago": the server's text; app.js keeps it current.</summary>
    public static string Countdown(DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        var past = left < TimeSpan.Zero;
        var span = past ? -left : left;
        var text = span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
            : span.TotalHours >= 2 ? $"{(int)span.TotalHours} hours"
            : $"{Math.Max(1, (int)span.TotalMinutes)} minutes";
        return past ? $"passed {text} ago" : $"in {text}";
    }

    public static Html CountdownTag(DateTimeOffset deadline, DateTimeOffset now) => H.Html(
        $"""<time class="app-countdown" datetime="{deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv)}" data-countdown>{Countdown(deadline, now)}</time>""");
}
