using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Reads one parsed definition file into a <see cref="WorkflowDefinition"/>, collecting every problem rather than
/// stopping at the first, so one run of "tender workflows check" shows all that needs fixing.
/// </summary>
internal sealed partial class DefinitionReader(ActivityCatalogue catalogue, CatalogueFacts facts)
{
    private static readonly string[] TopLevelMembers = ["$schema", "id", "name", "description", "settings", "activities", "connections"];
    private static readonly string[] SettingMembers = ["type", "default", "description", "required"];
    private static readonly string[] ActivityMembers = ["id", "type", "name", "properties"];
    private static readonly string[] ConnectionMembers = ["from", "outcome", "to"];

    private readonly List<(string Path, string Message)> _problems = [];

    public IReadOnlyList<(string Path, string Message)> Problems => _problems;

    /// <summary>The definition, or null when any problem was found.</summary>
    public WorkflowDefinition? Read(JsonNode? root, string json, string hash, string? sourcePath)
    {
        if (root is not JsonObject obj)
        {
            _problems.Add(("$", "expected a JSON object with \"id\", \"name\", \"activities\" and \"connections\""));
            return null;
        }

        RejectUnknown(obj, "$", TopLevelMembers);
        var id = RequiredString(obj, "id", "$", "a workflow id such as \"approval-demo\"");
        if (id is not null && !WorkflowId().IsMatch(id))
            _problems.Add(("$.id", $"expected lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters (such as \"approval-demo\"), got \"{id}\""));
        var name = RequiredString(obj, "name", "$", "a non-empty display name");
        var description = OptionalString(obj, "description", "$");
        var (settings, declared) = ReadSettings(obj["settings"]);
        var references = new ReferenceChecks(settings, declared, _problems);
        var activities = ReadActivities(obj, references);
        var connections = ReadConnections(obj["connections"]);
        // Without a readable list of activities every connection would dangle: that error alone says it.
        if (obj["activities"] is JsonArray { Count: > 0 }) GraphChecks.Check(activities, connections, facts.WaitingTypes, _problems);

        if (_problems.Count > 0) return null;
        return new WorkflowDefinition
        {
            Id = id!,
            Name = name!,
            Description = description,
            Settings = settings,
            Activities = activities.Select(a => a.Node).ToList(),
            Connections = connections.Select(c => new Connection(c.From!, c.Outcome!, c.To!)).ToList(),
            Hash = hash,
            Json = json,
            SourcePath = sourcePath,
        };
    }

    private (Dictionary<string, SettingDefinition> Settings, HashSet<string> Declared) ReadSettings(JsonNode? node)
    {
        var settings = new Dictionary<string, SettingDefinition>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (node is null) return (settings, declared);
        if (node is not JsonObject obj)
        {
            _problems.Add(("$.settings", "expected an object mapping setting names to {\"type\", \"default\", \"description\", \"required\"}"));
            return (settings, declared);
        }

        foreach (var (name, spec) in obj)
        {
            declared.Add(name);
            var path = JsonPathText.Member("$.settings", name);
            if (!SettingName().IsMatch(name))
                _problems.Add((path, "expected a setting name of letters, digits and '_' (it is used in references such as \"=settings.approvalTimeout\")"));
            if (spec is not JsonObject s)
            {
                _problems.Add((path, "expected an object such as {\"type\": \"duration\", \"default\": \"P3D\"}"));
                continue;
            }

            RejectUnknown(s, path, SettingMembers);
            var typeName = RequiredString(s, "type", path, $"a setting type: one of {facts.KindNames}");
            var description = OptionalString(s, "description", path);
            var required = false;
            if (s["required"] is { } r)
            {
                if (r.GetValueKind() is JsonValueKind.True or JsonValueKind.False) required = r.GetValue<bool>();
                else _problems.Add(($"{path}.required", $"expected true or false, got {PropertyChecks.Abbreviate(r)}"));
            }

            if (typeName is null) continue;
            if (!ValueConversion.TryParseKind(typeName, out var kind))
            {
                _problems.Add(($"{path}.type", $"unknown setting type '{typeName}'; expected one of {facts.KindNames}"));
                continue;
            }

            var value = s["default"];
            if (value is not null && value.GetValueKind() != JsonValueKind.Null && !ValueConversion.Fits(value, kind))
            {
                _problems.Add(($"{path}.default", $"expected {ValueConversion.Expected(kind)}, got {PropertyChecks.Abbreviate(value)}"));
                continue;
            }

            settings[name] = new SettingDefinition(name, kind, value, description, required);
        }

        return (settings, declared);
    }

    private List<ParsedActivity> ReadActivities(JsonObject root, ReferenceChecks references)
    {
        var activities = new List<ParsedActivity>();
        if (!root.ContainsKey("activities"))
        {
            _problems.Add(("$.activities", "required: a non-empty array of activities, starting with a Start"));
            return activities;
        }

        if (root["activities"] is not JsonArray items || items.Count == 0)
        {
            _problems.Add(("$.activities", "expected a non-empty array of activities, starting with a Start"));
            return activities;
        }

        var firstPathOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = new PropertyChecks(references, _problems);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonPathText.Index("$.activities", i);
            var parsed = ReadActivity(items[i], path, i, properties, references);
            if (parsed is null) continue;
            if (!firstPathOf.TryAdd(parsed.Id, path))
            {
                _problems.Add(($"{path}.id", $"duplicate activity id '{parsed.Id}'; it is already used at {firstPathOf[parsed.Id]}"));
                continue;
            }

            activities.Add(parsed);
        }

        return activities;
    }

    /// <summary>Checks one activity; returns it for the graph checks when it has an id, even if it has other problems.</summary>
    private ParsedActivity? ReadActivity(JsonNode? item, string path, int index, PropertyChecks properties, ReferenceChecks references)
    {
        if (item is not JsonObject obj)
        {
            _problems.Add((path, "expected an activity object such as {\"id\": \"start\", \"type\": \"Start\"}"));
            return null;
        }

        var before = _problems.Count;
        RejectUnknown(obj, path, ActivityMembers);
        var id = RequiredString(obj, "id", path, "an activity id such as \"wait-approval\"");
        if (id is not null && !ActivityId().IsMatch(id))
            _problems.Add(($"{path}.id", $"expected letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters, got \"{id}\""));
        var type = RequiredString(obj, "type", path, $"an activity type: one of {facts.KnownTypes}");
        var displayName = OptionalString(obj, "name", path);
        var values = obj["properties"] as JsonObject ?? new JsonObject();
        if (obj["properties"] is { } p && p is not JsonObject)
            _problems.Add(($"{path}.properties", $"expected an object of property values, got {PropertyChecks.Abbreviate(p)}"));

        IActivity? activity = null;
        if (type is not null && !catalogue.TryGet(type, out activity))
            _problems.Add(($"{path}.type", $"unknown activity type '{type}'; known types: {facts.KnownTypes}"));

        var node = new ActivityNode(id ?? "", type ?? "", displayName, values);
        if (activity is not null)
        {
            properties.Check(activity.Descriptor, values, $"{path}.properties");
            AddOwnProblems(activity, node, path);
            if (activity.Descriptor.Type == BuiltInActivityTypes.Decision) CheckRuleReferences(values, $"{path}.properties", references);
        }

        if (id is null) return null;
        // Outcomes of a faulty node may not be computable; its connections are then checked once it is fixed.
        var outcomes = activity is not null && _problems.Count == before ? activity.Descriptor.OutcomesOf(node) : null;
        return new ParsedActivity(index, path, node, activity, outcomes);
    }

    /// <summary>The activity's own checks; their paths are relative to the node (".properties.rules[0].when.op").</summary>
    private void AddOwnProblems(IActivity activity, ActivityNode node, string path)
    {
        IEnumerable<(string Path, string Message)> own;
        try
        {
            own = activity.Validate(node).ToList();
        }
        catch (Exception ex)
        {
            // A custom activity's checks should not take the whole check run down with them.
            own = [("", $"{activity.Descriptor.Type} could not check this node: {ex.Message}")];
        }

        foreach (var (relative, message) in own)
        {
            var absolute = relative.Length == 0 || relative[0] is '.' or '[' ? path + relative : $"{path}.{relative}";
            _problems.Add((absolute, message));
        }
    }

    /// <summary>Decision conditions are checked for syntax by the activity; the references they read are checked here.</summary>
    private static void CheckRuleReferences(JsonObject values, string propertiesPath, ReferenceChecks references)
    {
        if (values["rules"] is not JsonArray rules) return;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not JsonObject rule) continue;
            var syntax = new List<(string Path, string Message)>();
            var condition = Condition.Parse(rule["when"], syntax);
            if (syntax.Count == 0) references.CheckAll(condition, $"{propertiesPath}.rules[{i}].when");
        }
    }

    private List<ParsedConnection> ReadConnections(JsonNode? node)
    {
        var connections = new List<ParsedConnection>();
        if (node is null) return connections;
        if (node is not JsonArray items)
        {
            _problems.Add(("$.connections", "expected an array of connections such as {\"from\": \"start\", \"outcome\": \"done\", \"to\": \"end\"}"));
            return connections;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonPathText.Index("$.connections", i);
            if (items[i] is not JsonObject obj)
            {
                _problems.Add((path, "expected a connection such as {\"from\": \"start\", \"outcome\": \"done\", \"to\": \"end\"}"));
                continue;
            }

            RejectUnknown(obj, path, ConnectionMembers);
            var from = RequiredString(obj, "from", path, "the id of the activity the connection leaves");
            var to = RequiredString(obj, "to", path, "the id of the activity the connection leads to");
            var outcome = obj.ContainsKey("outcome") ? RequiredString(obj, "outcome", path, "an outcome name such as \"done\"") : "done";
            connections.Add(new ParsedConnection(i, path, from, outcome, to));
        }

        return connections;
    }

    private void RejectUnknown(JsonObject obj, string path, string[] allowed)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name))
                _problems.Add((JsonPathText.Member(path, name), $"unknown member '{name}'; expected one of {string.Join(", ", allowed)}"));
        }
    }

    /// <summary>A member that must be a non-empty string; null (with a problem added) when it is not.</summary>
    private string? RequiredString(JsonObject obj, string member, string parent, string what)
    {
        var path = JsonPathText.Member(parent, member);
        var node = obj[member];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            _problems.Add((path, $"required: {what}"));
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Trim().Length == 0)
        {
            _problems.Add((path, $"expected {what}, got {PropertyChecks.Abbreviate(node)}"));
            return null;
        }

        return node.GetValue<string>();
    }

    private string? OptionalString(JsonObject obj, string member, string parent)
    {
        var node = obj[member];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node.GetValueKind() == JsonValueKind.String) return node.GetValue<string>();
        _problems.Add((JsonPathText.Member(parent, member), $"expected a string, got {PropertyChecks.Abbreviate(node)}"));
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex WorkflowId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ActivityId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SettingName();
}
