using System.Text.Json.Nodes;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// A validated workflow definition as loaded from a JSON file. Versions are assigned by the definition store from
/// the content hash, so a changed file becomes a new version while running instances keep the one they started with.
/// </summary>
public sealed class WorkflowDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyDictionary<string, SettingDefinition> Settings { get; init; }
    public required IReadOnlyList<ActivityNode> Activities { get; init; }
    public required IReadOnlyList<Connection> Connections { get; init; }

    /// <summary>SHA-256 of the canonical JSON text, hex.</summary>
    public required string Hash { get; init; }

    /// <summary>The JSON text the definition was read from, stored with each version.</summary>
    public required string Json { get; init; }

    public string? SourcePath { get; init; }

    private Dictionary<string, ActivityNode>? _byId;

    public ActivityNode Activity(string id) =>
        (_byId ??= Activities.ToDictionary(a => a.Id, StringComparer.Ordinal))[id];


    public IEnumerable<Connection> Outgoing(string activityId, string outcome) =>
        Connections.Where(c => c.From == activityId && c.Outcome == outcome);

    public IEnumerable<Connection> Incoming(string activityId) => Connections.Where(c => c.To == activityId);

    public ActivityNode StartActivity => Activities.First(a => a.Type == BuiltInActivityTypes.Start);
}

/// <summary>One activity in a definition: its id, catalogue type and property values (literals or "=path" references).</summary>
public sealed record ActivityNode(string Id, string Type, string? DisplayName, JsonObject Properties);

public sealed record Connection(string From, string Outcome, string To)
{
    public override string ToString() => $"{From}:{Outcome}->{To}";
}

public sealed record SettingDefinition(string Name, ValueKind Type, JsonNode? Default, string? Description, bool Required);
