namespace TenderConsortium.Persistence.Common;

/// <summary>
/// Money in query columns as whole pence (cents): an integer compares and sorts the same on SQLite, which keeps
/// decimals as text, and on PostgreSQL. The exact decimal stays in the stored JSON.
/// </summary>
internal static class MinorUnits
{
    public static long? From(decimal? amount) =>
        amount is null ? null : (long)Math.Round(Math.Min(amount.Value, long.MaxValue / 100m) * 100m, MidpointRounding.AwayFromZero);

    public static decimal? ToAmount(long? minor) => minor is null ? null : minor.Value / 100m;
}
