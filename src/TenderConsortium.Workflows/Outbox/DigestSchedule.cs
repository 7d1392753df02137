namespace TenderConsortium.Workflows.Outbox;

/// <summary>When daily digests go out: a local time of day in a time zone, so 08:00 stays 08:00 across summer time.</summary>
public sealed class DigestSchedule(TimeOnly at, TimeZoneInfo zone)
{
    public static DigestSchedule From(OutboxOptions options) => new(options.DigestTime, FindZone(options.DigestTimeZone) ?? TimeZoneInfo.Utc);

    public static TimeZoneInfo? FindZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException) { return null; }
    }

    /// <summary>The first digest time strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        for (var day = DateOnly.FromDateTime(local.DateTime); ; day = day.AddDays(1))
        {
            var candidate = ToInstant(day.ToDateTime(at));
            if (candidate > instant) return candidate;
        }
    }

    /// <summary>The local date a digest due at <paramref name="instant"/> is for.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A local time skipped by the clocks going forward is taken an hour later; an ambiguous one at its first occurrence.
        while (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
