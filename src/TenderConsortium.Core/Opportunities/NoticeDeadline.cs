using System.Globalization;
using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Reads a tender deadline. A date without a time ("2025-03-14") is not midnight UTC, which would close the bid a
/// day early: it is taken as the end of that day (23:59) in UK time, where every publisher we read is, and a warning
/// tells the lead to check the hour in the notice (docs/intake.md).
/// </summary>
public static class NoticeDeadline
{
    public static (DateTimeOffset? Deadline, bool DateOnly) Read(JsonElement parent, string name, string path, JsonFields f)
    {
        var date = f.Date(parent, name, path);
        if (date is null || JsonFields.Member(parent, name) is not { ValueKind: JsonValueKind.String } raw) return (date, false);
        var text = raw.GetString()!.Trim();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return (date, false);
        return (EndOfDay(day), true);
    }

    public static DateTimeOffset EndOfDay(DateOnly day)
    {
        // UK time whatever the node shows times in: the publishers are UK bodies.
        return DisplayTime.Uk.At(day, new TimeOnly(23, 59));
    }

    public static void WarnDateOnly(DateTimeOffset? deadline, string path, IntakeProblems problems)
    {
        if (deadline is null) return;
        problems.Warn(path, $"the deadline is a date without a time; taken as {DisplayTime.Uk.DateAndTime(deadline.Value)} — check the hour in the notice");
    }
}
