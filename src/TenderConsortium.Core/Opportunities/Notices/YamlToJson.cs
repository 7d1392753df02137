using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenderConsortium.Core.Opportunities.Notices;

/// <summary>
/// Converts a YAML notice into the equivalent JSON, so one mapper (and one set of error messages) serves both.
/// Plain scalars become numbers, booleans or null by the YAML 1.2 core schema; quoted ones stay text.
/// </summary>
public static partial class YamlToJson
{
    // Aliases can expand a few lines into millions of nodes; a notice has hundreds.
    private const int MaxNodes = 100_000;

    // A notice nests a handful of levels; the JSON it becomes is written and read with a limit of 64.
    private const int MaxDepth = 32;

    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new BadInputException($"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }

        if (stream.Documents.Count == 0) throw new BadInputException("the file is empty");
        if (stream.Documents.Count > 1) throw new BadInputException($"the YAML file holds {stream.Documents.Count} documents (separated by ---); expected one notice per file");
        var count = 0;
        return ToNode(stream.Documents[0].RootNode, ref count, 0);
    }

    private static JsonNode? ToNode(YamlNode node, ref int count, int depth)
    {
        if (++count > MaxNodes) throw new BadInputException($"the YAML expands to more than {MaxNodes:N0} values (aliases repeating aliases); the limit is {MaxNodes:N0}");
        if (depth > MaxDepth) throw Bad(node, $"nested more than {MaxDepth} levels deep; the limit is {MaxDepth}");
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : throw Bad(key, "a key must be plain text");
                    obj[name] = ToNode(value, ref count, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var child in sequence.Children) array.Add(ToNode(child, ref count, depth + 1));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw Bad(node, "unsupported YAML node");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (NumberPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static BadInputException Bad(YamlNode node, string message) =>
        new($"YAML line {node.Start.Line}, column {node.Start.Column}: {message}");

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
