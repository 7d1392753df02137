namespace TenderConsortium.Workflows.Persistence;

public sealed class TimerRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Tag { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public string? FiredBy { get; set; }
}
