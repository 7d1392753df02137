namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The journal as written: one row per burst, its entries inside as a JSON array (kind, activity, actor, detail).
/// A resume journals about seven entries; one row instead of seven is one B-tree insert per index instead of seven.
/// Entries are read through the <c>wf_journal</c> view as <see cref="JournalRecord"/>s.
/// </summary>
public sealed class JournalBurstRecord
{
    /// <summary>Room for entries of one burst in a <see cref="JournalRecord.Id"/>; a burst is capped far below it.</summary>
    public const long EntriesPerBurst = 1L << 20;

    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Node { get; set; }
    public required string Entries { get; set; }
}
