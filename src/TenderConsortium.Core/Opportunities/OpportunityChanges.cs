using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// What an amendment changed. Lots are compared by id, not position, because publishers reorder them; other arrays
/// (CPV codes, places, criteria) are compared whole since a partial diff of a list says little to a person.
/// </summary>
public static class OpportunityChanges
{
    public static IReadOnlyList<OpportunityChange> Between(Opportunity before, Opportunity after)
    {
        var changes = new List<OpportunityChange>();
        Compare(JsonSerializer.SerializeToNode(before, DomainJson.Options), JsonSerializer.SerializeToNode(after, DomainJson.Options), "", changes);
        return changes;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<OpportunityChange> changes)
    {
        if (JsonNode.DeepEquals(before, after)) return;
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var name in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                    Compare(b[name], a[name], path.Length == 0 ? name : $"{path}.{name}", changes);
                return;
            case (JsonArray b, JsonArray a) when IsKeyedById(b) && IsKeyedById(a):
                var beforeById = b.ToDictionary(n => (string)n!["id"]!);
                var afterById = a.ToDictionary(n => (string)n!["id"]!);
                foreach (var id in beforeById.Keys.Union(afterById.Keys))
                    Compare(beforeById.GetValueOrDefault(id), afterById.GetValueOrDefault(id), $"{path}[id={id}]", changes);
                return;
            default:
                changes.Add(new OpportunityChange(path, before?.DeepClone(), after?.DeepClone()));
                return;
        }
    }

    private static bool IsKeyedById(JsonArray array) =>
        array.All(n => n is JsonObject o && o["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        && array.Select(n => (string)n!["id"]!).Distinct().Count() == array.Count;
}
