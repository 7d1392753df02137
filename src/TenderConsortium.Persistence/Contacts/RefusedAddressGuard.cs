using Microsoft.Extensions.Logging;
using TenderConsortium.Core.Members;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Persistence.Contacts;

/// <summary>
/// Wraps the node's mail transport so that a permanent refusal of a recipient becomes a fact: the first 5xx answer to
/// RCPT TO for an address is recorded (<see cref="IContactRefusals"/>) and followed up (<see cref="ContactRefusalFollowUp"/>),
/// and later mail to that address is not offered to the relay again (it fails at once, permanently, saying why), so
/// an address that does not exist is never retried for ever and the relay does not count us as a spammer.
/// </summary>
/// <remarks>
/// A decorator rather than a step of the outbox dispatcher: the dispatcher knows nothing of members, and every path that
/// sends (outbox, sign-in links, digests) passes here. The follow-up never turns a delivery outcome into another one:
/// if it fails, the refusal is still recorded and the next message to the address tries the follow-up again.
/// </remarks>
public sealed class RefusedAddressGuard(
    IMailTransport inner,
    IContactRefusals refusals,
    ContactRefusalFollowUp followUp,
    TimeProvider time,
    ILogger<RefusedAddressGuard> logger) : IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var known = await refusals.FindAsync(mail.To, cancellationToken);
        if (known is not null)
        {
            await FollowUpAsync(known, cancellationToken);
            throw new MailDeliveryException(
                $"Not sent: the mail server refused {known.Address} for good on {DisplayTime.Current.Date(known.RefusedAt)} ({known.Reason}). " +
                $"Correct the address, or run \"{ContactRefusalFollowUp.ClearCommand(known.Address)}\" if it works again.",
                permanent: true, recipientRefused: true);
        }

        try
        {
            await inner.SendAsync(mail, cancellationToken);
        }
        catch (MailDeliveryException ex) when (ex.Permanent && ex.RecipientRefused)
        {
            var at = time.GetUtcNow();
            await refusals.RecordAsync(mail.To, ex.Message, at, cancellationToken);
            if (await refusals.FindAsync(mail.To, cancellationToken) is { } recorded) await FollowUpAsync(recorded, cancellationToken);
            throw;
        }
    }

    private async Task FollowUpAsync(ContactRefusal refusal, CancellationToken ct)
    {
        try
        {
            await followUp.FollowUpAsync(refusal, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("A refused address's follow-up (telling the lead, releasing declaration rounds) did not finish: {Reason}", ex.Message);
        }
    }
}
