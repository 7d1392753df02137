namespace TenderConsortium.Workflows.Persistence;

/// <summary>How one recipient (by lower-case address) wants their email: at once, or some of it in a daily digest.</summary>
public sealed class MailPreferenceRecord
{
    public required string Recipient { get; set; }
    public bool Digest { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
