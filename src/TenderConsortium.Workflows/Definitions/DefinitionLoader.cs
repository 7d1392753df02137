using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Reads workflow definition files (JSON) and checks them completely against the activity catalogue: shape, property
/// types, references, connections and the graph. Used by "tender workflows check", at start-up, and to re-read the
/// stored JSON of a version, so it keeps no per-call reflection and only cheap state.
/// </summary>
public sealed class DefinitionLoader(ActivityCatalogue catalogue)
{
    private const string SchemaMember = "$schema";

    // Duplicate member names would otherwise be resolved silently by taking one of them.
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private readonly CatalogueFacts _facts = new(catalogue);

    public ActivityCatalogue Catalogue => catalogue;

    /// <summary>The definition in <paramref name="json"/>; throws <see cref="DefinitionException"/> listing every error.</summary>
    public WorkflowDefinition Parse(string json, string file)
    {
        var result = TryParse(json, file);
        return result.Definition ?? throw new DefinitionException(result.Errors);
    }

    /// <summary>Reads a definition; <paramref name="file"/> is the label used in errors and kept as the source path.</summary>
    public DefinitionLoadResult TryParse(string json, string file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Failed(file, [("$", InvalidJson(ex))]);
        }

        var reader = new DefinitionReader(catalogue, _facts);
        var definition = reader.Read(root, json, root is JsonObject obj ? Hash(obj) : "", file);
        var errors = reader.Problems.Distinct().Select(p => new DefinitionError(file, p.Path, p.Message)).ToList();
        return new DefinitionLoadResult(definition, errors) { File = file };
    }

    /// <summary>
    /// Reads every "*.json" file below <paramref name="directory"/> except JSON Schemas ("*.schema.json"), ordered by
    /// path. Files are labelled by their path relative to the directory. Two files with the same workflow id are
    /// both errors, since neither can be told to win.
    /// </summary>
    public IReadOnlyList<DefinitionLoadResult> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Workflow directory '{directory}' does not exist.");
        var files = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Path: f, Label: Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .OrderBy(f => f.Label, StringComparer.Ordinal)
            .ToList();

        var results = files.Select(f => Load(f.Path, f.Label)).ToList();
        var byId = results.Where(r => r.Definition is not null).GroupBy(r => r.Definition!.Id, StringComparer.Ordinal);
        foreach (var group in byId.Where(g => g.Count() > 1))
        {
            foreach (var result in group)
            {
                var others = string.Join(", ", group.Where(r => r != result).Select(r => r.File));
                var index = results.IndexOf(result);
                results[index] = new DefinitionLoadResult(null, [new DefinitionError(result.File, "$.id",
                    $"workflow id '{group.Key}' is also defined in {others}; each workflow id must be defined in one file only")]) { File = result.File };
            }
        }

        return results;
    }

    /// <summary>
    /// SHA-256 of the definition with "$schema" dropped, serialised compactly: re-indenting a file or pointing it at
    /// another schema location does not make a new version, while any change of content does.
    /// </summary>
    public static string Hash(JsonObject root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in root)
            {
                if (name == SchemaMember) continue;
                writer.WritePropertyName(name);
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private DefinitionLoadResult Load(string path, string label)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(label, [("$", $"cannot read the file: {ex.Message}")]);
        }

        return TryParse(json, label) with { File = label };
    }

    private static DefinitionLoadResult Failed(string file, IEnumerable<(string Path, string Message)> problems) =>
        new(null, problems.Select(p => new DefinitionError(file, p.Path, p.Message)).ToList()) { File = file };

    /// <summary>"invalid JSON at line 3, byte 14: …" with 1-based positions, as an editor shows them.</summary>
    private static string InvalidJson(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}" : "";
        return $"invalid JSON{where}: {message.TrimEnd()}";
    }
}
