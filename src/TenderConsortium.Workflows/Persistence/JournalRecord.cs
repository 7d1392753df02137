namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// One journal entry, as read from the <c>wf_journal</c> view over <see cref="JournalBurstRecord"/> rows. <see cref="Id"/>
/// orders entries: the burst's id times <see cref="JournalBurstRecord.EntriesPerBurst"/> plus the entry's place in it.
/// </summary>
public sealed class JournalRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? Actor { get; set; }
    public string? Node { get; set; }
    public string? Detail { get; set; }
}
