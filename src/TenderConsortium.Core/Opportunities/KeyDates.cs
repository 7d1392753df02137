namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// The bid's timetable, scheduled back from the tender deadline: a day for submission, the adviser's review, member
/// consent and a day for allocation before it, so the declaration deadline leaves room for every later stage. When
/// the notice's deadline is too close (or past, as in archived notices), declarations get their usual period instead
/// and <see cref="Tight"/> says so.
/// </summary>
public sealed record KeyDates(DateTimeOffset DeclarationsDue, DateTimeOffset AllocationBy, DateTimeOffset ReviewFrom, DateTimeOffset? TenderDeadline, bool Tight)
{
    public static KeyDates Schedule(DateTimeOffset now, DateTimeOffset? tenderDeadline, TimeSpan declarationPeriod, TimeSpan consentPeriod, TimeSpan reviewPeriod)
    {
        var minimum = TimeSpan.FromDays(2);
        if (tenderDeadline is { } deadline)
        {
            var reviewFrom = deadline - TimeSpan.FromDays(1) - reviewPeriod;
            var allocationBy = reviewFrom - consentPeriod;
            var declarationsDue = allocationBy - TimeSpan.FromDays(1);
            if (declarationsDue >= now + minimum)
                return new KeyDates(Min(declarationsDue, now + declarationPeriod), allocationBy, reviewFrom, deadline, false);
        }

        var due = now + declarationPeriod;
        return new KeyDates(due, due + TimeSpan.FromDays(1), due + TimeSpan.FromDays(1) + consentPeriod, tenderDeadline, true);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
