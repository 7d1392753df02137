using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Says whether a failed send may pass: the relay's 5xx replies are permanent, its 4xx replies and any trouble with the
/// connection are transient. A reply keeps the server's code and words, which the lead reads in `outbox list --failed`.
/// </summary>
public static class SmtpFailures
{
    public static MailDeliveryException Classify(Exception ex, string server) => ex switch
    {
        MailDeliveryException delivery => delivery,
        SmtpCommandException command => new MailDeliveryException($"{(int)command.StatusCode} {command.Message.Trim()}", IsPermanent(command), ex,
            recipientRefused: IsRecipientRefused(command)),
        SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException or TimeoutException
            => new MailDeliveryException($"{server}: {SmtpConnector.FirstLine(ex.Message)}", permanent: false, ex),
        _ => new MailDeliveryException($"{server}: {SmtpConnector.FirstLine(ex.Message)}", permanent: false, ex),
    };

    /// <summary>5xx is the relay's final word; 4xx (greylisting, a busy mailbox, a full queue) may pass.</summary>
    public static bool IsPermanent(SmtpCommandException ex) => (int)ex.StatusCode is >= 500 and < 600;

    /// <summary>Whether the relay refused this recipient's address itself (RCPT TO), as opposed to the sender or the message.</summary>
    public static bool IsRecipientRefused(SmtpCommandException ex) => ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted;
}
