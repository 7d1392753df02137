using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// A property an activity accepts. A value in a definition is either a literal of <see cref="Kind"/> or, for
/// properties that allow it, a reference "=settings.name" / "=variables.path" resolved when the activity runs.
/// </summary>
public sealed record PropertyDescriptor(
    string Name,
    ValueKind Kind,
    bool Required,
    string Description,
    JsonNode? Default = null,
    IReadOnlyList<string>? AllowedValues = null,
    bool AllowsReference = true);
