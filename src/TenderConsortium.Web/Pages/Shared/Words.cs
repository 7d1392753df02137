using System.Globalization;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>Dates, money, units and countdowns in plain words, the same on every page.</summary>
public static class Words
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"12 March 2027 at 5pm (UK time)" (the node's display time, <see cref="DisplayTime"/>).</summary>
    public static string Date(DateTimeOffset at) => DisplayTime.Current.DateAndTime(at);

    /// <summary>The reader's day of the instant, "12 March 2027".</summary>
    public static string Day(DateTimeOffset at) => DisplayTime.Current.Date(at);

    public static string Day(DateOnly at) => DisplayTime.Date(at);

    /// <summary>The reader's day as a date input's example: "18 12 2026".</summary>
    public static string DayMonthYear(DateTimeOffset at) => DisplayTime.Current.Day(at).ToString("d M yyyy", Inv);

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
