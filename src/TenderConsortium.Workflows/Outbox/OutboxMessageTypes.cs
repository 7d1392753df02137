namespace TenderConsortium.Workflows.Outbox;

/// <summary>Message types the runtime itself queues; hosts may queue and handle others.</summary>
public static class OutboxMessageTypes
{
    /// <summary>An email (<see cref="Mail.OutgoingMail"/>), delivered by the mail project's handler.</summary>
    public const string Email = "email";
}
