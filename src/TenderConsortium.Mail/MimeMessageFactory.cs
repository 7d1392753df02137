using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Builds a System.Net.Mail message from an outbox message: multipart/alternative with plain text first and HTML
/// second, attachments beside it (multipart/mixed), our stable Message-ID, and the headers that stop auto-replies.
/// </summary>
public static class MimeMessageFactory
{
    /// <exception cref="MailDeliveryException">Permanent: an address that is not valid, or an attachment that is not there.</exception>
    public static MailMessage Create(OutgoingMail mail, MailOptions options)
    {
        MailAddress from, to;
        try
        {
            from = new MailAddress(mail.FromAddress ?? options.From, mail.FromName ?? options.FromName);
            to = new MailAddress(mail.To);
        }
        catch (FormatException ex)
        {
            throw new MailDeliveryException($"Invalid address \"{mail.To}\": {ex.Message}", permanent: true, ex);
        }

        var message = new MailMessage
        {
            From = from,
            Subject = mail.Subject.ReplaceLineEndings(" "),
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(to);
            message.Headers.Add("Message-ID", mail.MessageId);
            // RFC 3834: an automatic message, so out-of-office replies do not answer it.
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Headers.Add("X-Auto-Response-Suppress", "All");
            if (mail.HtmlBody is null)
            {
                message.Body = mail.TextBody;
                message.IsBodyHtml = false;
                message.BodyTransferEncoding = TransferEncoding.QuotedPrintable;
            }
            else
            {
                message.AlternateViews.Add(View(mail.TextBody, MediaTypeNames.Text.Plain));
                message.AlternateViews.Add(View(mail.HtmlBody, MediaTypeNames.Text.Html));
            }

            foreach (var attachment in mail.Attachments ?? [])
            {
                if (!File.Exists(attachment.Path))
                    throw new MailDeliveryException($"The attachment {attachment.FileName} is missing ({attachment.Path})", permanent: true);
                var part = new Attachment(attachment.Path, attachment.ContentType) { Name = attachment.FileName, NameEncoding = Encoding.UTF8 };
                part.ContentDisposition!.FileName = attachment.FileName;
                part.ContentDisposition.Inline = false;
                message.Attachments.Add(part);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static AlternateView View(string body, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(body, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.QuotedPrintable;
        return view;
    }
}
