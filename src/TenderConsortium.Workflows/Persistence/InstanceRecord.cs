namespace TenderConsortium.Workflows.Persistence;

public sealed class InstanceRecord
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string Status { get; set; }
    public string? Stage { get; set; }
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    public string? Incident { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public int PendingSignals { get; set; }
    public required string State { get; set; }

    /// <summary>
    /// The id of the instance's latest journal burst, the head of its chain (see <see cref="JournalBurstRecord.PreviousId"/>);
    /// null before the first. Written with the row on every call that journals, so the journal needs no index of its own.
    /// </summary>
    public long? JournalHead { get; set; }

    /// <summary>
    /// The idempotency keys of the signals this instance received since they were last written to
    /// <see cref="SignalKeyRecord"/> (a JSON array, null when none; see <see cref="SignalKeyBuffer"/>). The row is written
    /// by every call anyway, so a key costs nothing here; the keys go to their own table in batches.
    /// </summary>
    public string? RecentSignalKeys { get; set; }
}
