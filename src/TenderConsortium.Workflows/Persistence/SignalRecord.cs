namespace TenderConsortium.Workflows.Persistence;

/// <summary>A signal received for an instance; keyed by its idempotency key within the instance, which is how a retry is recognised.</summary>
public sealed class SignalRecord
{
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
