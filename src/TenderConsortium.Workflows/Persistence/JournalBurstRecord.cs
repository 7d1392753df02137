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

    /// <summary>
    /// The instance's burst before this one (null for its first). An instance's journal is read by walking back from
    /// <see cref="InstanceRecord.JournalHead"/> (see <see cref="JournalChain"/>): an index on (instance, id) was a page
    /// written at a random place per resume, and with many instances resumed at once, one page per instance per commit.
    /// </summary>
    public long? PreviousId { get; set; }
}
