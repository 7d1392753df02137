using System.Net;
using System.Net.Mail;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>Sends through an SMTP relay with System.Net.Mail (MailKit is not available to this project).</summary>
public sealed class SmtpTransport(SmtpOptions smtp, MailOptions options) : IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = MimeMessageFactory.Create(mail, options);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.StartTls,
            Timeout = smtp.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (smtp.UserName is not null) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        try
        {
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (SmtpFailedRecipientException ex)
        {
            throw new MailDeliveryException($"{(int)ex.StatusCode} {ex.Message}", IsPermanent(ex.StatusCode), ex);
        }
        catch (SmtpException ex)
        {
            throw new MailDeliveryException($"{(int)ex.StatusCode} {ex.Message}", IsPermanent(ex.StatusCode), ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new MailDeliveryException(ex.Message, permanent: false, ex);
        }
    }

    /// <summary>5xx replies are permanent; 4xx and connection trouble may pass.</summary>
    private static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600 && code != SmtpStatusCode.GeneralFailure;
}
