using System.Text.Json.Nodes;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Dotted paths into an instance's data: "settings.reminderDelay", "variables.approval.decision",
/// "instance.id". Array items are addressed by index ("variables.members.0.email").
/// </summary>
public static class ValuePath
{
    public static readonly IReadOnlyList<string> Roots = ["settings", "variables", "instance"];

    public static JsonNode? Get(JsonNode? start, string path) => Walk(start, path.Split('.'));

    /// <summary>Follows <paramref name="parts"/> from <paramref name="start"/>; null when any step is missing.</summary>
    public static JsonNode? Walk(JsonNode? start, IEnumerable<string> parts)
    {
        var current = start;
        foreach (var part in parts)
        {
            current = current switch
            {
                JsonObject o => o.TryGetPropertyValue(part, out var next) ? next : null,
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (current is null) return null;
        }

        return current;
    }

    /// <summary>Sets a value under "variables", creating objects along the way.</summary>
    public static void Set(JsonObject variables, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = variables;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[parts[i]] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    public static bool HasKnownRoot(string path)
    {
        var dot = path.IndexOf('.');
        var root = dot < 0 ? path : path[..dot];
        return Roots.Contains(root);
    }
}
