using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Checks "=path" references when a definition is loaded, so a typo in a setting name fails at deploy time rather
/// than as a null when the activity finally runs days later.
/// </summary>
/// <param name="declared">Every setting name in the file, including those whose declaration has its own error.</param>
internal sealed class ReferenceChecks(
    IReadOnlyDictionary<string, SettingDefinition> settings, IReadOnlySet<string> declared, List<(string Path, string Message)> problems)
{
    private const string Example = "such as \"=settings.approvalTimeout\" or \"=variables.decision\"";

    /// <summary>
    /// Reports a reference that cannot resolve; when <paramref name="expected"/> is given and the reference names a
    /// setting directly, the setting's type must fit it.
    /// </summary>
    public void Check(string path, string jsonPath, ValueKind? expected = null, string? property = null) =>
        CheckPath(path, $"\"={path}\"", jsonPath, expected, property);

    /// <summary>Checks the path of a "{{path}}" placeholder, which renders as empty text when it cannot resolve.</summary>
    public void CheckPlaceholder(string path, string jsonPath) => CheckPath(path, $"\"{{{{{path}}}}}\"", jsonPath, null, null);

    public void CheckAll(Condition condition, string jsonPath)
    {
        foreach (var path in condition.ReferencedPaths) Check(path, jsonPath);
    }

    private void CheckPath(string path, string shown, string jsonPath, ValueKind? expected, string? property)
    {
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            problems.Add((jsonPath, $"malformed reference {shown}; expected dotted names {Example}"));
            return;
        }

        if (!ValuePath.HasKnownRoot(path))
        {
            problems.Add((jsonPath,
                $"unknown reference root '{parts[0]}' in {shown}; expected one of {string.Join(", ", ValuePath.Roots)} {Example}"));
            return;
        }

        if (parts[0] != "settings") return;
        if (parts.Length == 1)
        {
            problems.Add((jsonPath, $"expected a setting name after \"settings.\" {Example}"));
            return;
        }

        if (!settings.TryGetValue(parts[1], out var setting))
        {
            // A setting that is declared but broken has its own error; a second one here would only repeat it.
            if (declared.Contains(parts[1])) return;
            var known = settings.Count == 0 ? "no settings are declared in $.settings" : $"declared settings: {string.Join(", ", settings.Keys)}";
            problems.Add((jsonPath, $"setting '{parts[1]}' is not declared; {known}"));
            return;
        }

        // A deeper path ("settings.x.y") reads inside an object setting, whose shape is not declared.
        if (expected is { } kind && parts.Length == 2 && !Fits(setting.Type, kind))
        {
            problems.Add((jsonPath,
                $"setting '{setting.Name}' is of type {ValueConversion.KindName(setting.Type)}, but property '{property}' expects {ValueConversion.Expected(kind)}"));
        }
    }

    /// <summary>Whether a setting's values are always acceptable literals for a property of kind <paramref name="property"/>.</summary>
    private static bool Fits(ValueKind setting, ValueKind property) =>
        setting == property
        || property == ValueKind.Object // free-form: the activity itself decides what it accepts
        || (property, setting) is (ValueKind.Number, ValueKind.Integer);
}
