using System.Globalization;

namespace TenderConsortium.Core.Common;

/// <summary>
/// The one place an instant becomes words for a person, in the GOV.UK style: "12 March 2027 at 5pm (UK time)",
/// "5:30pm", "midday", "midnight". Stored values stay UTC; only what people read is converted, so a deadline at
/// 16:00 UTC in July reads "5pm (UK time)" and one in January reads "4pm (UK time)". Pages, emails, documents and the
/// CLI all call <see cref="Current"/>, which the node sets once from <see cref="DisplayTimeOptions"/>.
/// </summary>
public sealed class DisplayTime
{
    public const string UkZoneId = "Europe/London";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// GMT, and BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the rule
    /// since 1996, written as local times: 01:00 GMT forward, 02:00 BST back). Declared before <see cref="Uk"/>, which
    /// needs it on a machine without tzdata (static fields start in the order they are written).
    /// </summary>
    internal static readonly TimeZoneInfo UkRule = TimeZoneInfo.CreateCustomTimeZone(
        UkZoneId, TimeSpan.Zero, "UK time", "Greenwich Mean Time", "British Summer Time",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(1996, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    public DisplayTime(DisplayTimeOptions options)
    {
        Zone = FindZone(options.TimeZone) ?? throw new ArgumentException(string.Join("; ", options.Problems()), nameof(options));
        ZoneName = options.ZoneName;
    }

    /// <summary>UK time, whatever the node is configured with: for reading UK publishers' dates, and the default.</summary>
    public static DisplayTime Uk { get; } = new(new DisplayTimeOptions());

    /// <summary>How this node shows times (UK time unless the "Display" settings say otherwise).</summary>
    public static DisplayTime Current { get; private set; } = Uk;

    /// <summary>Called once by the node's composition with its settings.</summary>
    public static void Use(DisplayTimeOptions options) => Current = new DisplayTime(options);

    public TimeZoneInfo Zone { get; }

    public string ZoneName { get; }

    /// <summary>The instant on the reader's clock.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"12 March 2027 at 5pm (UK time)".</summary>
    public string DateAndTime(DateTimeOffset at)
    {
        var local = Local(at);
        return $"{local.ToString("d MMMM yyyy", Inv)} at {Clock(local)} ({ZoneName})";
    }

    /// <summary>"Friday 12 March 2027 at 5pm (UK time)": for deadlines in emails, where the day of the week helps.</summary>
    public string WeekdayDateAndTime(DateTimeOffset at)
    {
        var local = Local(at);
        return $"{local.ToString("dddd d MMMM yyyy", Inv)} at {Clock(local)} ({ZoneName})";
    }

    /// <summary>"12 March 2027": the reader's day (an instant at 23:30 UTC in summer is the next day in the UK).</summary>
    public string Date(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy", Inv);

    /// <summary>"12 March 2027" (a day has no zone).</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", Inv);

    /// <summary>"5pm (UK time)".</summary>
    public string Time(DateTimeOffset at) => $"{Clock(Local(at))} ({ZoneName})";

    /// <summary>The reader's calendar day of an instant.</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    /// <summary>The instant when the reader's clock shows <paramref name="time"/> on <paramref name="day"/> (a form's "5pm on 12 March").</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // In the hour the clocks go forward the time does not exist; it is read as the same time before the change.
        var offset = Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddHours(-1)) : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>"5pm", "5:30pm", "midday", "midnight" (GOV.UK style: no "12 noon", no "00:00", no leading zero).</summary>
    public static string Clock(DateTimeOffset local)
    {
        var (hour, minute) = (local.Hour, local.Minute);
        if (minute == 0 && hour == 0) return "midnight";
        if (minute == 0 && hour == 12) return "midday";
        var h12 = hour % 12 == 0 ? 12 : hour % 12;
        var suffix = hour < 12 ? "am" : "pm";
        return minute == 0
            ? $"{h12.ToString(Inv)}{suffix}"
            : $"{h12.ToString(Inv)}:{minute.ToString("00", Inv)}{suffix}";
    }

    /// <summary>
    /// The zone by IANA id; for Europe/London, the UK's own rule when the machine has no time zone data (a slim
    /// container without tzdata), so UK time never silently becomes UTC. Null for an unknown id.
    /// </summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        return id == UkZoneId ? UkRule : null;
    }
}
