namespace TenderConsortium.Core.Common;

/// <summary>Lots as a person counts them: "Lot 1, Lot 2, … Lot 10", whatever order the notice or the solver gave.</summary>
public static class LotOrder
{
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> lots, Func<T, string> id) => lots.OrderBy(id, Comparer).ToList();

    /// <summary>Numbers by value (2 before 10), anything else by text after them.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create((a, b) =>
    {
        var (na, nb) = (long.TryParse(a, out var x) ? x : (long?)null, long.TryParse(b, out var y) ? y : (long?)null);
        return na is not null && nb is not null ? na.Value.CompareTo(nb.Value)
            : na is not null ? -1
            : nb is not null ? 1
            : string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    });
}
