namespace TenderConsortium.Workflows.Hosting;

/// <summary>Tunables of the runtime engine and its workers.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>Names this node in leases, timer claims and the journal. Unique per process.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>How long an instance stays leased to a node that stops answering before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Guard against a definition that loops without waiting (the validator forbids it; this catches the rest).</summary>
    public int MaxStepsPerBurst { get; set; } = 10_000;

    /// <summary>Attempts of a failing activity before the instance is faulted with an incident.</summary>
    public int MaxActivityAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry of a failed activity; doubled for each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Right-hand side of generated Message-IDs.</summary>
    public string MessageIdDomain { get; set; } = "tender-consortium.local";

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public int TimerBatchSize { get; set; } = 100;
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Folder of definition files synchronised into the store at start; null to skip.</summary>
    public string? DefinitionsFolder { get; set; }
}
