namespace TenderConsortium.Workflows.Persistence;

public sealed class OutboxRecord
{
    public Guid Id { get; set; }
    public Guid? InstanceId { get; set; }
    public required string MessageId { get; set; }
    public required string Event { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }

    /// <summary>The whole message as JSON (<see cref="Mail.OutgoingMail"/>).</summary>
    public required string Message { get; set; }

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
