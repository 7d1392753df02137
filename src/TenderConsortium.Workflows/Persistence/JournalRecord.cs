namespace TenderConsortium.Workflows.Persistence;

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
