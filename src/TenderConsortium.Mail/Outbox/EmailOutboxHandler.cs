using System.Text.Json;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Mail.Outbox;

/// <summary>
/// Delivers the outbox's email rows: reads the stored <see cref="OutgoingMail"/> and hands it to the node's
/// <see cref="IMailTransport"/> (pickup folder or SMTP relay). The runtime's dispatcher claims, paces, retries and marks
/// the rows; what an email is and how it travels is decided here.
/// </summary>
public sealed class EmailOutboxHandler(IMailTransport transport) : IOutboxHandler
{
    public string Type => OutboxMessageTypes.Email;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        OutgoingMail mail;
        try
        {
            mail = JsonSerializer.Deserialize<OutgoingMail>(message.Payload) ?? throw new JsonException("empty message");
        }
        catch (JsonException ex)
        {
            throw new MailDeliveryException($"The stored message cannot be read: {ex.Message}", permanent: true, ex);
        }

        return transport.SendAsync(mail, cancellationToken);
    }

    /// <summary>A 5xx answer, a refused or invalid address, an unreadable stored message: sending again would fail again.</summary>
    public bool IsPermanent(Exception failure) => failure is MailDeliveryException { Permanent: true };

    /// <summary>The transport's own words (they name the relay's answer for the lead); anything else with its kind.</summary>
    public string Describe(Exception failure) =>
        failure is MailDeliveryException ? failure.Message : IOutboxHandler.DescribeAny(failure);
}
