namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// One message waiting in the transactional outbox: written in the same commit as the burst that queued it, then handed
/// to the <see cref="Outbox.IOutboxHandler"/> registered for its <see cref="Type"/>. The runtime reads only the columns
/// that schedule delivery (status, attempts, times, claim); <see cref="Payload"/> is the handler's alone.
/// </summary>
public sealed class OutboxRecord
{
    /// <summary>
    /// The table's rowid: rows are appended at the right edge of one B-tree, where a random key wrote a page in the
    /// middle of the table and another in each key index.
    /// </summary>
    public long Id { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>Which handler delivers the row (<see cref="Outbox.OutboxMessageTypes"/>).</summary>
    public required string Type { get; set; }

    /// <summary>Stable per (instance, event, addressee): a copy delivered again after a crash is recognisable.</summary>
    public required string MessageId { get; set; }

    /// <summary>What queued the row and for whom, as the lead's outbox list shows them.</summary>
    public required string Event { get; set; }

    public required string Recipient { get; set; }
    public required string Subject { get; set; }

    /// <summary>The message as its handler reads it (for email, <see cref="Mail.OutgoingMail"/> as JSON).</summary>
    public required string Payload { get; set; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
