using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TenderConsortium.Core.Opportunities.Notices;

/// <summary>
/// Converts a YAML notice into the equivalent JSON (UTF-8 bytes, parsed once by the caller), so one mapper and one set
/// of error messages serve both. Plain scalars become numbers, booleans or null by the YAML 1.2 core schema; quoted
/// ones stay text.
/// </summary>
/// <remarks>
/// Aliases (<c>*name</c>) repeat an anchored value without repeating its text: a few hundred bytes of nested aliases
/// (the "billion laughs"), or one long anchored text aliased thousands of times, would expand to gigabytes. YamlDotNet
/// keeps an alias as a reference, so loading is cheap; the expansion happens here, while the JSON is written, and it is
/// bounded twice: by values written and by bytes (the file's own size plus <c>aliasAllowanceBytes</c>). The walk stops
/// at the first value past either limit, so a bomb costs at most that many bytes and is refused at once.
/// </remarks>
public static partial class YamlToJson
{
    // A notice has hundreds of values; aliases repeating aliases reach millions.
    private const int MaxNodes = 100_000;

    // A notice nests a handful of levels; the JSON it becomes is read with a limit of 64.
    private const int MaxDepth = 32;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 64 };

    /// <summary>The JSON the YAML document stands for, as UTF-8.</summary>
    /// <param name="aliasAllowanceBytes">How far aliases may grow the JSON beyond the YAML's own size.</param>
    public static byte[] Convert(string yaml, long aliasAllowanceBytes)
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

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            // JSON spends a few bytes per value that YAML does not (quotes, commas); allowing twice the source covers
            // them for any notice written out in full, and the allowance is what aliases may add on top.
            var budget = new Budget(2L * Encoding.UTF8.GetByteCount(yaml) + aliasAllowanceBytes, aliasAllowanceBytes);
            Write(writer, stream.Documents[0].RootNode, budget, 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, Budget budget, int depth)
    {
        if (++budget.Nodes > MaxNodes) throw new BadInputException($"the YAML expands to more than {MaxNodes:N0} values (aliases repeating aliases); the limit is {MaxNodes:N0}");
        if (depth > MaxDepth) throw Bad(node, $"nested more than {MaxDepth} levels deep; the limit is {MaxDepth}");
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : throw Bad(key, "a key must be plain text");
                    if (!keys.Add(name)) throw Bad(key, $"the key '{Shorten(name)}' appears twice in one mapping");
                    budget.Spend(writer, Encoding.UTF8.GetByteCount(name));
                    writer.WritePropertyName(name);
                    Write(writer, value, budget, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var child in sequence.Children) Write(writer, child, budget, depth + 1);
                writer.WriteEndArray();
                return;
            case YamlScalarNode scalar:
                budget.Spend(writer, Encoding.UTF8.GetByteCount(scalar.Value ?? ""));
                WriteScalar(writer, scalar);
                return;
            default:
                throw Bad(node, "unsupported YAML node");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            writer.WriteStringValue(text);
        else if (text is "" or "~" or "null" or "Null" or "NULL") writer.WriteNullValue();
        else if (text is "true" or "True" or "TRUE") writer.WriteBooleanValue(true);
        else if (text is "false" or "False" or "FALSE") writer.WriteBooleanValue(false);
        else if (NumberPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            writer.WriteNumberValue(number);
        else writer.WriteStringValue(text);
    }

    private static BadInputException Bad(YamlNode node, string message) =>
        new($"YAML line {node.Start.Line}, column {node.Start.Column}: {message}");

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>What the walk may still write: values and bytes, checked before each value is written.</summary>
    private sealed class Budget(long maxBytes, long aliasAllowanceBytes)
    {
        public int Nodes;

        public void Spend(Utf8JsonWriter writer, long upcoming)
        {
            if (writer.BytesCommitted + writer.BytesPending + upcoming <= maxBytes) return;
            throw new BadInputException(
                $"the YAML's aliases (*name) repeat more than {Intake.IntakeOptions.Megabytes(aliasAllowanceBytes)} of text beyond what the file itself holds; write the repeated values out, or repeat less");
        }
    }

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
