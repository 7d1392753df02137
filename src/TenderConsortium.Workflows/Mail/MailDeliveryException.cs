namespace TenderConsortium.Workflows.Mail;

/// <summary>
/// A delivery that failed; <see cref="Permanent"/> failures (5xx, invalid address) are not retried.
/// <see cref="RecipientRefused"/> says the relay refused the recipient's address itself (not the sender, the message
/// or the connection), the one failure that says something about the recipient rather than about the node's settings.
/// </summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null, bool recipientRefused = false) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
    public bool RecipientRefused { get; } = recipientRefused;
}
