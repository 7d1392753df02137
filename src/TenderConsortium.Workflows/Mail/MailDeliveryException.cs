namespace TenderConsortium.Workflows.Mail;

/// <summary>A delivery that failed; <see cref="Permanent"/> failures (5xx, invalid address) are not retried.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
