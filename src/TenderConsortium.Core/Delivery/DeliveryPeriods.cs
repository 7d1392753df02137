using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// Cuts a contract period into reporting periods. Notices give a start and an end, a start and a duration, or only
/// a duration; without a start the contract runs from the day delivery starts. Periods follow calendar months from
/// the start day, so a contract from 15 April has periods 15 April to 14 May, and the last one stops at the end.
/// </summary>
public static class DeliveryPeriods
{
    /// <summary>A contract longer than this many periods is refused: it is a data error, not a contract.</summary>
    public const int MaxPeriods = 240;

    public static IReadOnlyList<DeliveryPeriod> Plan(ContractPeriod? contract, PeriodLength length, DateOnly deliveryStarts)
    {
        var start = contract?.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : deliveryStarts;
        DateOnly end;
        if (contract?.End is { } e) end = DateOnly.FromDateTime(e.UtcDateTime);
        else if (contract?.DurationInDays is { } days and > 0) end = start.AddDays(days - 1);
        else throw new ProblemException("contractPeriod", ProblemCode.Invalid,
            "the notice gives no contract end or duration; give the contract's end date (--end) so its periods can be planned");
        if (end < start)
            throw new ProblemException("contractPeriod", ProblemCode.Invalid, "the contract ends before it starts; check the end date");
        var months = length == PeriodLength.Monthly ? 1 : 3;
        var periods = new List<DeliveryPeriod>();
        for (var from = start; from <= end; from = start.AddMonths(months * periods.Count))
        {
            var to = start.AddMonths(months * (periods.Count + 1)).AddDays(-1);
            periods.Add(new DeliveryPeriod(periods.Count + 1, from, to > end ? end : to));
            if (periods.Count > MaxPeriods)
                throw new ProblemException("contractPeriod", ProblemCode.Invalid, $"the contract would have more than {MaxPeriods} periods; check its dates");
        }

        return periods;
    }
}
