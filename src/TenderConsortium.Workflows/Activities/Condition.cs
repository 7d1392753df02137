using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// A declarative condition, as written in a definition:
/// <c>{"left": "=variables.approval.decision", "op": "equals", "right": "approve"}</c>,
/// <c>{"all": [c, …]}</c>, <c>{"any": [c, …]}</c> or <c>{"not": c}</c>.
/// Deliberately not a script language: a definition can be checked completely when it is loaded and evaluating it
/// cannot run arbitrary code. Operands are literals or "=path" references resolved against the instance's data.
/// </summary>
public abstract class Condition
{
    public static readonly IReadOnlyList<string> Operators =
        ["equals", "notEquals", "greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual", "in", "exists", "isTrue"];

    private const string Shape =
        "expected a condition: {\"left\", \"op\", \"right\"}, {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}";

    private Condition(IReadOnlyList<string> referencedPaths) => ReferencedPaths = referencedPaths;

    /// <summary>Paths (without "=") the condition reads, so a loader can check their roots and settings.</summary>
    public IReadOnlyList<string> ReferencedPaths { get; }

    /// <summary>Evaluates the condition; <paramref name="resolvePath"/> receives a path without "=" and returns null when missing.</summary>
    public abstract bool Evaluate(Func<string, JsonNode?> resolvePath);

    /// <summary>Reads a condition; problems are added with paths relative to <paramref name="node"/> (".op", ".all[1].left").</summary>
    public static Condition Parse(JsonNode? node, List<(string Path, string Message)> problems) => Parse(node, problems, "");

    /// <summary>As <see cref="Parse(JsonNode?, List{ValueTuple{string, string}})"/>, with every problem path prefixed by <paramref name="basePath"/>.</summary>
    public static Condition Parse(JsonNode? node, List<(string Path, string Message)> problems, string basePath)
    {
        var before = problems.Count;
        var condition = ParseAny(node, problems, basePath);
        // A condition with any problem must not half-work (an "any" whose readable part holds), so it never holds.
        return problems.Count == before ? condition : Never;
    }

    private static Condition ParseAny(JsonNode? node, List<(string Path, string Message)> problems, string basePath)
    {
        if (node is not JsonObject obj)
        {
            problems.Add((basePath, Shape));
            return Never;
        }

        if (obj.ContainsKey("all")) return ParseGroup(obj, "all", problems, basePath);
        if (obj.ContainsKey("any")) return ParseGroup(obj, "any", problems, basePath);
        if (obj.ContainsKey("not"))
        {
            RejectOthers(obj, ["not"], problems, basePath);
            var inner = Parse(obj["not"], problems, basePath + ".not");
            return new Not(inner);
        }

        return ParseComparison(obj, problems, basePath);
    }

    /// <summary>A condition that never holds, returned for unreadable input so callers always get an instance.</summary>
    private static Condition Never { get; } = new Constant(false);

    private static Condition ParseGroup(JsonObject obj, string kind, List<(string, string)> problems, string basePath)
    {
        RejectOthers(obj, [kind], problems, basePath);
        var path = basePath + "." + kind;
        if (obj[kind] is not JsonArray items || items.Count == 0)
        {
            problems.Add((path, "expected a non-empty array of conditions"));
            return Never;
        }

        var parts = new List<Condition>(items.Count);
        for (var i = 0; i < items.Count; i++) parts.Add(Parse(items[i], problems, $"{path}[{i}]"));
        return new Group(kind == "all", parts);
    }

    private static Condition ParseComparison(JsonObject obj, List<(string, string)> problems, string basePath)
    {
        RejectOthers(obj, ["left", "op", "right"], problems, basePath);
        var ok = true;
        var op = obj["op"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (op is null || !Operators.Contains(op))
        {
            problems.Add((basePath + ".op", op is null
                ? $"required: one of {string.Join(", ", Operators)}"
                : $"unknown operator '{op}'; expected one of {string.Join(", ", Operators)}"));
            ok = false;
        }

        if (!obj.ContainsKey("left"))
        {
            problems.Add((basePath + ".left", "required: a literal or a reference such as \"=variables.decision\""));
            ok = false;
        }

        var unary = op is "exists" or "isTrue";
        var right = obj["right"];
        if (unary && obj.ContainsKey("right"))
        {
            problems.Add((basePath + ".right", $"'{op}' takes no \"right\""));
            ok = false;
        }
        else if (!unary && op is not null && !obj.ContainsKey("right"))
        {
            problems.Add((basePath + ".right", "required: a literal or a reference"));
            ok = false;
        }
        else if (op == "in" && right is not JsonArray && !ValueConversion.IsReference(right, out _))
        {
            problems.Add((basePath + ".right", "expected an array of values or a reference to one"));
            ok = false;
        }
        else if (op is "greaterThan" or "greaterOrEqual" or "lessThan" or "lessOrEqual" && !IsOrderable(right))
        {
            problems.Add((basePath + ".right", "expected a number, a string or a reference to compare with"));
            ok = false;
        }

        if (!ok) return Never;

        var left = obj["left"];
        var paths = new List<string>();
        CollectReferences(left, paths);
        CollectReferences(right, paths);
        if (right is JsonArray list)
        {
            foreach (var item in list) CollectReferences(item, paths);
        }

        return new Comparison(left, op!, right, paths);
    }

    private static bool IsOrderable(JsonNode? node) =>
        node?.GetValueKind() is JsonValueKind.Number or JsonValueKind.String;

    private static void CollectReferences(JsonNode? node, List<string> paths)
    {
        if (ValueConversion.IsReference(node, out var path)) paths.Add(path);
    }

    private static void RejectOthers(JsonObject obj, string[] allowed, List<(string, string)> problems, string basePath)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name))
                problems.Add(($"{basePath}.{name}", $"unknown member '{name}'; expected {string.Join(", ", allowed)}"));
        }
    }

    private sealed class Constant(bool value) : Condition([])
    {
        public override bool Evaluate(Func<string, JsonNode?> resolvePath) => value;
    }

    private sealed class Not(Condition inner) : Condition(inner.ReferencedPaths)
    {
        public override bool Evaluate(Func<string, JsonNode?> resolvePath) => !inner.Evaluate(resolvePath);
    }

    private sealed class Group(bool all, IReadOnlyList<Condition> parts)
        : Condition(parts.SelectMany(p => p.ReferencedPaths).ToList())
    {
        public override bool Evaluate(Func<string, JsonNode?> resolvePath) =>
            all ? parts.All(p => p.Evaluate(resolvePath)) : parts.Any(p => p.Evaluate(resolvePath));
    }

    private sealed class Comparison(JsonNode? left, string op, JsonNode? right, IReadOnlyList<string> paths) : Condition(paths)
    {
        public override bool Evaluate(Func<string, JsonNode?> resolvePath)
        {
            var l = Operand(left, resolvePath);
            switch (op)
            {
                case "exists":
                    return l is not null;
                case "isTrue":
                    return l?.GetValueKind() == JsonValueKind.True
                           || (AsString(l) is { } text && text.Equals("true", StringComparison.OrdinalIgnoreCase));
                case "in":
                    var candidates = right is JsonArray literal ? literal : Operand(right, resolvePath) as JsonArray;
                    return candidates is not null && candidates.Any(c => AreEqual(l, Operand(c, resolvePath)));
            }

            var r = Operand(right, resolvePath);
            return op switch
            {
                "equals" => AreEqual(l, r),
                "notEquals" => !AreEqual(l, r),
                "greaterThan" => Compare(l, r) is > 0,
                "greaterOrEqual" => Compare(l, r) is >= 0,
                "lessThan" => Compare(l, r) is < 0,
                "lessOrEqual" => Compare(l, r) is <= 0,
                _ => false,
            };
        }

        /// <summary>Resolves a reference; JSON null counts as missing so "exists" and "equals null" agree.</summary>
        private static JsonNode? Operand(JsonNode? node, Func<string, JsonNode?> resolvePath)
        {
            var value = ValueConversion.IsReference(node, out var path) ? resolvePath(path) : node;
            return value?.GetValueKind() == JsonValueKind.Null ? null : value;
        }

        private static bool AreEqual(JsonNode? a, JsonNode? b)
        {
            if (a is null || b is null) return a is null && b is null;
            if (AsNumber(a) is { } x && AsNumber(b) is { } y) return x == y;
            if (AsString(a) is { } s && AsString(b) is { } t) return string.Equals(s, t, StringComparison.Ordinal);
            return JsonNode.DeepEquals(a, b);
        }

        /// <summary>Numbers compare as decimals, strings ordinally; anything else (or a missing value) is not ordered.</summary>
        private static int? Compare(JsonNode? a, JsonNode? b)
        {
            if (AsNumber(a) is { } x && AsNumber(b) is { } y) return x.CompareTo(y);
            if (AsString(a) is { } s && AsString(b) is { } t) return string.CompareOrdinal(s, t);
            return null;
        }

        // Parsed via the JSON text so values created from double, long or decimal all compare alike.
        private static decimal? AsNumber(JsonNode? node) =>
            node?.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d
                : null;

        private static string? AsString(JsonNode? node) =>
            node is JsonValue v && node.GetValueKind() == JsonValueKind.String && v.TryGetValue<string>(out var s) ? s : null;
    }
}
