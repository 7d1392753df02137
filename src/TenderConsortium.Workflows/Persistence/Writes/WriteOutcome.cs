namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>What a call answers, and whether its writes are kept (an answer such as "unknown bookmark" keeps none).</summary>
internal readonly record struct WriteOutcome<T>(T Value, bool Keep)
{
    public static WriteOutcome<T> Kept(T value) => new(value, true);
    public static WriteOutcome<T> Discarded(T value) => new(value, false);
}
