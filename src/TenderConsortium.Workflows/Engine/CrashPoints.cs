namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// Named points where the reliability tests stop a real process to kill it with SIGKILL. Inert unless the
/// environment variable TENDER_PAUSE_AT names the point (comma-separated for several): then the process prints
/// "PAUSED &lt;point&gt;" and blocks there for good, so the test can kill it at exactly that moment.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "TENDER_PAUSE_AT";

    private static readonly HashSet<string> Armed =
        (Environment.GetEnvironmentVariable(Variable) ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>A point named by a prefix and an id ("before-activity:" + activity); the name is built only when armed.</summary>
    public static void Hit(string prefix, string id)
    {
        if (Armed.Count > 0) Hit(prefix + id);
    }

    public static void Hit(string point)
    {
        if (Armed.Count == 0 || !Armed.Contains(point)) return;
        Console.Out.WriteLine($"PAUSED {point}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
