namespace TenderConsortium.Workflows.Outbox;

/// <summary>Tunables of outbox delivery (configuration section "Outbox").</summary>
public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 50;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed batch belongs to one node before another may take it (a node that died mid-send).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages of a batch sent at the same time, each on its own connection (1 = one after another).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Delivered rows marked Sent in one commit. Larger groups mean fewer fsyncs; after a crash, up to this many
    /// delivered messages (same Message-ID) may be sent again. The batch's end always writes what is left.
    /// </summary>
    public int MarkGroupSize { get; set; } = 16;

    /// <summary>Transient failures are retried this many times before the message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the next attempt after a transient failure; doubled per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Immediate retries of a transient failure within one attempt (a dropped connection, a greylisting 4xx).</summary>
    public int QuickRetries { get; set; } = 2;

    /// <summary>Delay before the first immediate retry; doubled for the next, with jitter.</summary>
    public TimeSpan QuickRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After this many transient failures in a row (within <see cref="BreakSamplingDuration"/>) the relay is taken to be
    /// down: sending pauses for <see cref="BreakDuration"/> and waiting messages keep their attempts.
    /// </summary>
    public int BreakAfterFailures { get; set; } = 5;

    public TimeSpan BreakSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages per second at most (0 = no limit), so a consortium never floods its relay.</summary>
    public double MaxPerSecond { get; set; }

    /// <summary>Local time of day at which daily digests go out, e.g. "08:00".</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 0);

    /// <summary>Time zone of <see cref="DigestTime"/> (IANA id).</summary>
    public string DigestTimeZone { get; set; } = "Europe/London";

    /// <summary>Each setting that cannot work, naming it; empty when all is well.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BatchSize < 1) problems.Add($"Outbox:BatchSize: expected at least 1, got {BatchSize}");
        if (Concurrency is < 1 or > 64) problems.Add($"Outbox:Concurrency: expected 1-64, got {Concurrency}");
        if (MaxAttempts < 1) problems.Add($"Outbox:MaxAttempts: expected at least 1, got {MaxAttempts}");
        if (QuickRetries is < 0 or > 10) problems.Add($"Outbox:QuickRetries: expected 0-10, got {QuickRetries}");
        if (BreakAfterFailures < 2) problems.Add($"Outbox:BreakAfterFailures: expected at least 2, got {BreakAfterFailures}");
        if (BreakSamplingDuration < TimeSpan.FromMilliseconds(500)) problems.Add("Outbox:BreakSamplingDuration: expected at least 00:00:00.5");
        if (BreakDuration < TimeSpan.FromMilliseconds(500)) problems.Add("Outbox:BreakDuration: expected at least 00:00:00.5");
        if (MaxPerSecond < 0) problems.Add($"Outbox:MaxPerSecond: expected 0 (no limit) or more, got {MaxPerSecond}");
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) problems.Add("Outbox:RetryBaseDelay, Outbox:RetryMaxDelay: expected 0 < base <= max");
        if (DigestSchedule.FindZone(DigestTimeZone) is null) problems.Add($"Outbox:DigestTimeZone: '{DigestTimeZone}' is not a known time zone such as Europe/London");
        return problems;
    }
}
