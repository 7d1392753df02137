using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// When the contract runs, as far as the notice says: its start and end (an end from the start and the duration when
/// only those are given), and its length in years, which turns a whole-contract price into a price per year.
/// </summary>
public sealed record ContractTerm(DateOnly? Start, DateOnly? End, decimal? Years)
{
    /// <summary>The period the term is read from: the tender's, else the first lot's that gives one.</summary>
    public static ContractPeriod? PeriodOf(Opportunity opportunity) =>
        opportunity.ContractPeriod ?? opportunity.Lots.Select(l => l.ContractPeriod).FirstOrDefault(p => p is not null);

    public static ContractTerm Of(Opportunity opportunity)
    {
        var period = PeriodOf(opportunity);
        if (period is null) return new ContractTerm(null, null, null);
        DateOnly? start = period.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : null;
        DateOnly? end = period.End is { } e ? DateOnly.FromDateTime(e.UtcDateTime) : null;
        if (end is null && start is { } from && period.DurationInDays is { } days) end = from.AddDays(days);
        decimal? years = period.DurationInDays is { } d ? Math.Round(d / 365m, 2)
            : start is { } a && end is { } b ? Math.Round((b.DayNumber - a.DayNumber) / 365m, 2)
            : null;
        return new ContractTerm(start, end, years is > 0 ? years : null);
    }
}
