using System.Text.RegularExpressions;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>Builds the JSON paths used in error messages ("$.activities[2].properties.duration").</summary>
internal static partial class JsonPathText
{
    public const string Root = "$";

    /// <summary>Dot notation for plain names, bracket notation for names that would be ambiguous after a dot.</summary>
    public static string Member(string parent, string name) =>
        PlainName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex PlainName();
}
