using MimeKit;
using MimeKit.Cryptography;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Turns an outbox message into the MIME message both transports deliver: multipart/alternative with plain text first
/// and HTML second, attachments beside it (multipart/mixed), our stable Message-ID, the date, Reply-To, the headers that
/// stop auto-replies and, on mail a member chose to receive, how to stop it. UTF-8 names and subjects are encoded as
/// RFC 2047 words and attachment names as RFC 2231 parameters by MimeKit.
/// </summary>
/// <remarks>
/// Bodies are quoted-printable and attachments base64, so the message is 7-bit whatever the relay supports (no
/// 8BITMIME needed) and the DKIM signature, made last, stays valid: no relay or client re-encodes a 7-bit message.
/// </remarks>
public sealed class MailMessageComposer
{
    private readonly MailOptions _options;
    private readonly TimeProvider _time;
    private readonly DkimSigner? _signer;

    public MailMessageComposer(MailOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        var dkim = options.Dkim;
        if (dkim.Enabled)
        {
            var problems = dkim.Problems();
            if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
            _signer = new DkimSigner(dkim.PrivateKeyFile!, dkim.Domain!.Trim(), dkim.Selector!.Trim())
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                AgentOrUserIdentifier = "@" + dkim.Domain.Trim(),
            };
        }
    }

    /// <summary>The headers a DKIM signature covers; a relay adding its own Received lines leaves them untouched.</summary>
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ReplyTo, HeaderId.MimeVersion, HeaderId.ContentType, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost];

    /// <summary>
    /// Who the message is from: the message's own sender, else Mail:From (always set for SMTP, see
    /// <see cref="MailOptions.Problems"/>). Without Mail:From (the pickup folder of a local trial) the lead's contact
    /// the message replies to stands, so no invented address is written; a message with no contact at all (a sign-in
    /// link) is marked as local to this machine.
    /// </summary>
    private string SenderAddress(OutgoingMail mail) =>
        mail.FromAddress
        ?? (string.IsNullOrWhiteSpace(_options.From) ? null : _options.From.Trim())
        ?? (mail.ReplyTo is { } own && MailOptions.IsAddress(own.Trim()) ? own.Trim() : null)
        ?? (MailOptions.IsAddress(_options.ReplyTo) ? _options.ReplyTo!.Trim() : null)
        ?? LocalSender;

    /// <summary>The sender of a pickup-folder message nobody's contact fits: it names this machine, never a domain someone could own.</summary>
    public const string LocalSender = "tender@localhost";

    /// <exception cref="MailDeliveryException">Permanent: an address that is not valid, or an attachment that is not there.</exception>
    public MimeMessage Compose(OutgoingMail mail)
    {
        var from = new MailboxAddress(mail.FromName ?? _options.FromName, SenderAddress(mail));
        if (!MailOptions.IsAddress(mail.To)) throw new MailDeliveryException($"Invalid address \"{mail.To}\": not an email address such as someone@example.org", permanent: true, recipientRefused: true);
        var message = new MimeMessage
        {
            Date = _time.GetUtcNow(),
            Subject = mail.Subject.ReplaceLineEndings(" "),
        };
        // Spelled as RFC 5322 spells it (MimeKit's own is "Message-Id"): tools that grep .eml files look for this.
        message.Headers.Replace(new Header("Message-ID", "<" + mail.MessageId.Trim().TrimStart('<').TrimEnd('>') + ">"));
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To.Trim()));
        // The message's own Reply-To (the bid's lead contact) wins over the node's; an address that does not parse is dropped, not fatal.
        if (mail.ReplyTo is { } own && MailOptions.IsAddress(own.Trim())) message.ReplyTo.Add(MailboxAddress.Parse(own.Trim()));
        else if (_options.ReplyTo is { } replyTo) message.ReplyTo.Add(MailboxAddress.Parse(replyTo.Trim()));
        // RFC 3834: an automatic message, so out-of-office replies do not answer it (and Exchange's own suppression).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        if (mail.CanUnsubscribe)
        {
            var mailto = $"<mailto:{_options.ReplyTo ?? SenderAddress(mail)}?subject=Stop%20my%20daily%20digest>";
            message.Headers.Add(HeaderId.ListUnsubscribe, mail.UnsubscribeUrl is { } url ? $"<{url}>, {mailto}" : mailto);
            // RFC 8058: mail systems may POST to the address in one click, but only to an HTTPS one.
            if (mail.UnsubscribeUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true)
                message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments ?? [])
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(attachment.Path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new MailDeliveryException($"The attachment {attachment.FileName} is missing ({attachment.Path})", permanent: true, ex);
            }

            body.Attachments.Add(attachment.FileName, content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part is TextPart text && !part.IsAttachment)
            {
                // Always UTF-8 (the parts of one message alike), always quoted-printable: readable and 7-bit.
                if (!string.Equals(text.ContentType.Charset, "utf-8", StringComparison.OrdinalIgnoreCase)) text.SetText("utf-8", text.Text);
                text.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
            }
            else
            {
                part.ContentTransferEncoding = ContentEncoding.Base64;
            }
        }

        message.Prepare(EncodingConstraint.SevenBit);
        _signer?.Sign(message, SignedHeaders);
        return message;
    }
}
