namespace TenderConsortium.Web.Composition;

/// <summary>Where one node keeps its state and finds its definitions.</summary>
public sealed record NodeSettings(string DataFolder, string ConnectionString, string WorkflowsFolder)
{
    /// <summary>Whether this node fires timers and delivers the outbox (false for one-shot CLI commands).</summary>
    public bool RunWorkers { get; init; } = true;
}
