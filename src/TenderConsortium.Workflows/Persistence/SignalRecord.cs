namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// A signal received for an instance, kept whole (for the sweeper while it waits, for the record once applied). A retry
/// is recognised by its idempotency key, which is recorded apart (see <see cref="SignalKeyRecord"/>).
/// </summary>
public sealed class SignalRecord
{
    /// <summary>
    /// The table's rowid: signals are appended at the right edge of one B-tree. Keyed by (instance, idempotency key),
    /// each insert landed inside a full page of that instance's signals, and SQLite rewrote it with its neighbours.
    /// </summary>
    public long Id { get; set; }

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
