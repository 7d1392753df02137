namespace TenderConsortium.Core.Delivery;

/// <summary>
/// A member's capacity across bids, month by month: declared, allocated in pending bids, contracted. A member that
/// declares to several live bids can be over-committed if several win; the lead sees it before approving an
/// allocation, the member sees its own total. What a member says it can deliver in a month is the most it declared
/// for that month in any single bid (its lots added up), since each declaration answers "what can you take on?" on
/// its own.
/// </summary>
public sealed record CapacityLedger(string MemberId, string MemberName, IReadOnlyList<CapacityMonth> Months)
{
    public IReadOnlyList<CapacityMonth> OverCommittedMonths => Months.Where(m => m.OverCommitted).ToList();

    public static IReadOnlyList<CapacityLedger> Build(IEnumerable<CapacityEntry> entries)
    {
        var ledgers = new List<CapacityLedger>();
        foreach (var member in entries.GroupBy(e => e.MemberId).OrderBy(g => g.First().MemberName, StringComparer.Ordinal))
        {
            var months = new List<CapacityMonth>();
            foreach (var unit in member.GroupBy(e => e.Unit).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = unit.Min(e => e.Start);
                var last = unit.Max(e => e.End);
                for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
                {
                    var end = month.AddMonths(1).AddDays(-1);
                    // A bid's lots add up (a member offering 100 hours in each of two lots can do 200), then the most of any one bid.
                    var declared = unit.Where(e => e.Kind == CapacityKind.Declared).GroupBy(e => e.OpportunityId, StringComparer.Ordinal)
                        .Select(bid => bid.Sum(e => e.Within(month, end))).DefaultIfEmpty(0m).Max();
                    var allocated = unit.Where(e => e.Kind == CapacityKind.Allocated).Sum(e => e.Within(month, end));
                    var contracted = unit.Where(e => e.Kind == CapacityKind.Contracted).Sum(e => e.Within(month, end));
                    if (declared == 0m && allocated == 0m && contracted == 0m) continue;
                    var bids = unit.Where(e => e.Kind != CapacityKind.Declared && e.Within(month, end) > 0m).Select(e => e.Title).Distinct().Order(StringComparer.Ordinal).ToList();
                    months.Add(new CapacityMonth(month, unit.Key, decimal.Round(declared, 2), decimal.Round(allocated, 2), decimal.Round(contracted, 2), bids));
                }
            }

            ledgers.Add(new CapacityLedger(member.Key, member.First().MemberName, months));
        }

        return ledgers;
    }
}
