namespace TenderConsortium.Workflows.Outbox;

/// <summary>Tunables of outbox delivery.</summary>
public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 50;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed batch belongs to one node before another may take it (a node that died mid-send).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Transient failures are retried this many times before the message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Messages per second at most (0 = no limit), so a consortium never floods its relay.</summary>
    public double MaxPerSecond { get; set; }
}
