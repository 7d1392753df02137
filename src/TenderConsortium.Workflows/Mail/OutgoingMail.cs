namespace TenderConsortium.Workflows.Mail;

/// <summary>
/// One message to one recipient, as stored in the outbox. <see cref="MessageId"/> is stable per
/// (instance, event, recipient), so a copy delivered again after a crash is recognisable. <see cref="CanUnsubscribe"/>
/// marks mail the recipient chose to receive (the daily digest), which then says how to stop it (List-Unsubscribe);
/// <see cref="UnsubscribeUrl"/>, when the host gives one, is the HTTPS address that stops it in one click (RFC 8058).
/// <see cref="FromName"/> and <see cref="ReplyTo"/>, when the step that queued it knows them, override the node's
/// defaults: the sender's name and where replies should go for this one message.
/// </summary>
public sealed record OutgoingMail(
    string MessageId,
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    string? FromAddress = null,
    string? FromName = null,
    IReadOnlyList<MailAttachment>? Attachments = null,
    bool CanUnsubscribe = false,
    string? UnsubscribeUrl = null,
    string? ReplyTo = null);

/// <summary>A file attached by path: documents are already on disk, so the outbox row stays small.</summary>
public sealed record MailAttachment(string FileName, string Path, string ContentType);
