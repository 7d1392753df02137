using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>An activity as read from the file, with where it stands so later checks can point at it.</summary>
/// <param name="Activity">The catalogue entry, null when the type is missing or unknown.</param>
/// <param name="Outcomes">The node's outcomes, null when they cannot be known because the node itself is faulty.</param>
internal sealed record ParsedActivity(int Index, string Path, ActivityNode Node, IActivity? Activity, IReadOnlyList<string>? Outcomes)
{
    public string Id => Node.Id;

    /// <summary>Unknown types count as waiting so that one error does not also show up as a cycle.</summary>
    public bool Waits => Activity?.Descriptor.Waits ?? true;
}

/// <summary>A connection as read from the file; From, Outcome or To is null when it was missing or not a string.</summary>
internal sealed record ParsedConnection(int Index, string Path, string? From, string? Outcome, string? To);
