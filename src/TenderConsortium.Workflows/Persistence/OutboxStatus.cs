namespace TenderConsortium.Workflows.Persistence;

public static class OutboxStatus
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";

    /// <summary>Waiting for the recipient's daily digest (next_attempt_at is when the digest is due).</summary>
    public const string Held = "Held";

    /// <summary>Delivered inside a digest, which is a row of its own.</summary>
    public const string Digested = "Digested";
}
