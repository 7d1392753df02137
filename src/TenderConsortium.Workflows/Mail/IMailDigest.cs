namespace TenderConsortium.Workflows.Mail;

/// <summary>
/// Optional daily digest: for recipients who asked for one (see <see cref="Outbox.MailPreferences"/>), messages whose
/// event may wait are held and sent together once a day. The host says which events may wait and how a digest reads;
/// the runtime keeps the rows, the timing and the delivery.
/// </summary>
public interface IMailDigest
{
    /// <summary>Whether a message queued under this event key (e.g. "submitted.member#0") may wait for the digest.</summary>
    bool CanWait(string eventKey);

    /// <summary>One message for <paramref name="recipient"/> holding the <paramref name="held"/> messages, oldest first.</summary>
    OutgoingMail Compose(string messageId, string recipient, DateOnly day, IReadOnlyList<HeldMail> held);
}

/// <summary>A message that waited for a digest, with when it was queued.</summary>
public sealed record HeldMail(OutgoingMail Mail, DateTimeOffset QueuedAt);
