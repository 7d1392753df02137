namespace TenderConsortium.Workflows.Mail;

/// <summary>The runtime's mail port: the outbox dispatcher hands each message to it.</summary>
public interface IMailTransport
{
    /// <summary>Delivers one message; throws <see cref="MailDeliveryException"/> saying whether a retry may help.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
