using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TenderConsortium.Workflows.Hosting;

/// <summary>
/// The runtime's traces and metrics, on .NET's own <see cref="ActivitySource"/> and <see cref="Meter"/>: they cost next to
/// nothing unless a listener (the host's OpenTelemetry, when configured) subscribes to <see cref="Name"/>.
/// </summary>
public static class WorkflowTelemetry
{
    public const string Name = "TenderConsortium.Workflows";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Signals delivered to bookmarks, tagged by bookmark and outcome (applied, kept, duplicate, unknown, invalid).</summary>
    public static readonly Counter<long> Resumes = Meter.CreateCounter<long>("tender.workflow.resumes", description: "Signals delivered to waiting workflow instances");

    public static readonly Histogram<double> ResumeDuration = Meter.CreateHistogram<double>("tender.workflow.resume.duration", "ms", "Time to apply one signal and run the instance until it waits again");

    /// <summary>Timers fired by this node.</summary>
    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>("tender.workflow.timers.fired", description: "Timers fired");
}
