using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>Checks an activity's property values against its type's declared properties.</summary>
internal sealed partial class PropertyChecks(ReferenceChecks references, List<(string Path, string Message)> problems)
{
    /// <summary>Adds a problem for each property that is unknown, missing, mistyped or badly referenced.</summary>
    public void Check(ActivityDescriptor descriptor, JsonObject properties, string propertiesPath)
    {
        foreach (var (name, _) in properties)
        {
            if (descriptor.Property(name) is not null) continue;
            var expected = descriptor.Properties.Count == 0
                ? $"{descriptor.Type} takes no properties"
                : $"expected one of {string.Join(", ", descriptor.Properties.Select(p => p.Name))}";
            problems.Add((JsonPathText.Member(propertiesPath, name), $"unknown property '{name}' for {descriptor.Type}; {expected}"));
        }

        foreach (var property in descriptor.Properties)
        {
            var path = JsonPathText.Member(propertiesPath, property.Name);
            var value = properties[property.Name];
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                if (property.Required)
                    problems.Add((path, $"required property '{property.Name}' of {descriptor.Type} is missing; expected {ValueConversion.Expected(property.Kind)}"));
                continue;
            }

            CheckValue(property, value, path);
        }
    }

    private void CheckValue(PropertyDescriptor property, JsonNode value, string path)
    {
        if (ValueConversion.IsReference(value, out var reference))
        {
            if (property.AllowsReference)
                references.Check(reference, path, property.Kind, property.Name);
            else
                problems.Add((path, $"property '{property.Name}' does not accept a reference; expected a literal: {ValueConversion.Expected(property.Kind)}"));
            return;
        }

        switch (property.Kind)
        {
            // Free-form values (any JSON for SetVariable, a payload schema, decision rules) are the activity's to check.
            case ValueKind.Object:
                return;
            case ValueKind.Condition:
                var before = problems.Count;
                var condition = Condition.Parse(value, problems, path);
                if (problems.Count == before) references.CheckAll(condition, path);
                return;
        }

        if (!ValueConversion.Fits(value, property.Kind))
        {
            problems.Add((path, $"expected {ValueConversion.Expected(property.Kind)}, got {Abbreviate(value)}"));
            return;
        }

        if (property.AllowedValues is { } allowed && value.GetValueKind() == JsonValueKind.String
            && !allowed.Contains(value.GetValue<string>()))
        {
            problems.Add((path, $"expected one of {string.Join(", ", allowed)}, got {Abbreviate(value)}"));
            return;
        }

        if (property.Kind == ValueKind.String) CheckPlaceholders(value.GetValue<string>(), path);
        if (property.Kind == ValueKind.StringList) CheckItems(value.AsArray(), path);
    }

    /// <summary>Only a whole property is resolved when it is a reference, so an item that looks like one would be used as text.</summary>
    private void CheckItems(JsonArray items, string path)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = JsonPathText.Index(path, i);
            var text = items[i]!.GetValue<string>();
            if (ValueConversion.IsReference(items[i], out var reference))
                problems.Add((itemPath, $"a list item is not resolved as a reference; write \"{{{{{reference}}}}}\" or make the whole list a reference"));
            else
                CheckPlaceholders(text, itemPath);
        }
    }

    /// <summary>A "{{path}}" placeholder that cannot resolve renders as empty text at run time, so it is caught here.</summary>
    private void CheckPlaceholders(string text, string path)
    {
        if (!text.Contains("{{", StringComparison.Ordinal)) return;
        foreach (Match match in Placeholder().Matches(text)) references.CheckPlaceholder(match.Groups[1].Value, path);
    }

    public static string Abbreviate(JsonNode value)
    {
        var text = value.ToJsonString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    // The same placeholder syntax ActivityContext.Render fills in.
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
