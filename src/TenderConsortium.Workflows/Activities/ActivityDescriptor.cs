using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities;

/// <summary>What the catalogue knows of an activity type: its properties, its outcomes and whether it waits.</summary>
public sealed class ActivityDescriptor
{
    public required string Type { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<PropertyDescriptor> Properties { get; init; } = [];

    /// <summary>Fixed outcomes; activities whose outcomes depend on their properties override <see cref="OutcomesOf"/>.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = ["done"];

    /// <summary>Outcomes for a node of this type (e.g. a fork's branches, a decision's rule outcomes).</summary>
    public Func<ActivityNode, IReadOnlyList<string>>? DynamicOutcomes { get; init; }

    /// <summary>True when the activity suspends the instance (bookmark or timer); every cycle must pass through one.</summary>
    public bool Waits { get; init; }

    /// <summary>Bookmark names the node may create, so a signal can be accepted before its bookmark exists.</summary>
    public Func<ActivityNode, IReadOnlyList<BookmarkDeclaration>>? Bookmarks { get; init; }

    public IReadOnlyList<string> OutcomesOf(ActivityNode node) => DynamicOutcomes?.Invoke(node) ?? Outcomes;

    public PropertyDescriptor? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>A bookmark a node will create: its name, its literal key if known, and the payload it accepts.</summary>
public sealed record BookmarkDeclaration(string Name, string? LiteralKey, PayloadSchema Payload);
