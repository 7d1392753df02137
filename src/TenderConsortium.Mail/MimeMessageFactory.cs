using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>Builds a System.Net.Mail message from an outbox message: plain text first, HTML as the alternative.</summary>
public static class MimeMessageFactory
{
    public static MailMessage Create(OutgoingMail mail, MailOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(mail.FromAddress ?? options.From, mail.FromName ?? options.FromName),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", mail.MessageId);
        if (mail.HtmlBody is null)
        {
            message.Body = mail.TextBody;
            message.IsBodyHtml = false;
        }
        else
        {
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        }

        foreach (var attachment in mail.Attachments ?? [])
        {
            message.Attachments.Add(new Attachment(attachment.Path, attachment.ContentType) { Name = attachment.FileName });
        }

        return message;
    }
}
