namespace TenderConsortium.Workflows.Outbox;

/// <summary>One claimed outbox row as its handler sees it: what to deliver, and which attempt this is.</summary>
public sealed record OutboxMessage(long Id, string Type, string MessageId, Guid? InstanceId, string Payload, int Attempts, DateTimeOffset QueuedAt);
