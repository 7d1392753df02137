namespace TenderConsortium.Workflows.Persistence;

// Rows of the runtime's tables. Kept together: they are one schema, read as one.

public sealed class DefinitionVersionRecord
{
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Hash { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

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
}

public sealed class BookmarkRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

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

public static class InstanceStatus
{
    public const string Running = "Running";
    public const string Suspended = "Suspended";
    public const string Finished = "Finished";
    public const string Faulted = "Faulted";
    public const string Cancelled = "Cancelled";

    public static bool IsActive(string status) => status is Running or Suspended or Faulted;
}

public static class TimerStatus
{
    public const string Pending = "Pending";
    public const string Fired = "Fired";
    public const string Cancelled = "Cancelled";
}

public static class SignalStatus
{
    public const string Pending = "Pending";
    public const string Applied = "Applied";
}

public static class OutboxStatus
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";
}
