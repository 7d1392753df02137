using System.Globalization;
using System.Text.Json.Nodes;

namespace TenderConsortium.Tests.TestSupport;

/// <summary>Small edits of a JSON tree by path ("tender.lots[0].value.amount"), to derive broken inputs from a good one.</summary>
public static class JsonEdit
{
    public static JsonNode Set(this JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Walk(root, path);
        if (last is int index) parent.AsArray()[index] = value;
        else parent.AsObject()[(string)last] = value;
        return root;
    }

    public static JsonNode Remove(this JsonNode root, string path)
    {
        var (parent, last) = Walk(root, path);
        if (last is int index) parent.AsArray().RemoveAt(index);
        else parent.AsObject().Remove((string)last);
        return root;
    }

    private static (JsonNode Parent, object Last) Walk(JsonNode root, string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            segments.Add(bracket < 0 ? part : part[..bracket]);
            if (bracket >= 0) segments.Add(int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture));
        }

        var node = root;
        foreach (var segment in segments.Take(segments.Count - 1))
            node = segment is int i ? node.AsArray()[i]! : node.AsObject()[(string)segment]!;
        return (node, segments[^1]);
    }
}
