namespace TenderConsortium.Workflows.Persistence;

public sealed class SignalRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Bookmark { get; set; }
    public required string Key { get; set; }
    public string? Payload { get; set; }
    public required string IdempotencyKey { get; set; }
    public string? Actor { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
}
