using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TenderConsortium.Core.Allocation;

/// <summary>The allocation solver's traces and metrics (.NET's own types; silent unless the host listens to <see cref="Name"/>).</summary>
public static class AllocationTelemetry
{
    public const string Name = "TenderConsortium.Allocation";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> SolveDuration = Meter.CreateHistogram<double>("tender.allocation.solve.duration", "ms", "Time to solve one allocation");
}
