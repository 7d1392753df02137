using System.Text.Json;
using System.Text.Json.Nodes;

namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// The fields a signal's payload must carry, declared on a WaitForSignal node as
/// <c>{"decision": {"type": "string", "required": true, "enum": ["approve", "reject"]}}</c>.
/// Deliberately small: field name, JSON type, required, allowed values.
/// </summary>
public sealed class PayloadSchema
{
    public static readonly PayloadSchema Any = new([]);

    public PayloadSchema(IReadOnlyList<PayloadField> fields) => Fields = fields;

    public IReadOnlyList<PayloadField> Fields { get; }

    public static readonly IReadOnlyList<string> FieldTypes = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>Reads the schema from a node's property; problems are reported as (relative path, message).</summary>
    public static PayloadSchema Parse(JsonNode? node, List<(string Path, string Message)> problems)
    {
        if (node is null) return Any;
        if (node is not JsonObject obj)
        {
            problems.Add(("", "expected an object mapping field names to {\"type\", \"required\", \"enum\"}"));
            return Any;
        }

        var fields = new List<PayloadField>();
        foreach (var (name, spec) in obj)
        {
            if (spec is not JsonObject s)
            {
                problems.Add(($".{name}", "expected an object with \"type\""));
                continue;
            }

            var type = s["type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
            if (type is null || !FieldTypes.Contains(type))
            {
                problems.Add(($".{name}.type", $"expected one of {string.Join(", ", FieldTypes)}"));
                continue;
            }

            var required = s["required"] is JsonValue rv && rv.TryGetValue<bool>(out var r) && r;
            IReadOnlyList<string>? allowed = null;
            if (s["enum"] is JsonArray values)
            {
                allowed = values.Select(v => v?.ToString() ?? "").ToList();
            }
            else if (s["enum"] is not null)
            {
                problems.Add(($".{name}.enum", "expected an array of allowed values"));
            }

            fields.Add(new PayloadField(name, type, required, allowed));
        }

        return new PayloadSchema(fields);
    }

    /// <summary>Checks a payload; each problem names the field and what was expected.</summary>
    public IReadOnlyList<string> Validate(JsonNode? payload)
    {
        var problems = new List<string>();
        if (Fields.Count == 0) return problems;
        if (payload is not JsonObject obj)
        {
            problems.Add("payload: expected a JSON object");
            return problems;
        }

        foreach (var field in Fields)
        {
            var value = obj[field.Name];
            if (value is null)
            {
                if (field.Required) problems.Add($"payload.{field.Name}: required");
                continue;
            }

            if (!HasType(value, field.Type))
            {
                problems.Add($"payload.{field.Name}: expected {field.Type}");
                continue;
            }

            if (field.Allowed is { } allowed && !allowed.Contains(value.ToString()))
            {
                problems.Add($"payload.{field.Name}: expected one of {string.Join(", ", allowed)}");
            }
        }

        return problems;
    }

    private static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("string", JsonValueKind.String) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Definitions.ValueConversion.TryGetWholeNumber(value, out _),
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        _ => false,
    };
}

public sealed record PayloadField(string Name, string Type, bool Required, IReadOnlyList<string>? Allowed);
