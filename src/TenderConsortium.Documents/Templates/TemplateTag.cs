using System.Text.RegularExpressions;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// A placeholder as written in a template: a field "lot.title" (the value as text) or a repeat "each lot in lots"
/// (the content once per item, with "lot" naming the item inside). See templates/README.md.
/// </summary>
public sealed partial record TemplateTag(string Text, string? Variable, IReadOnlyList<string> Path)
{
    public bool IsRepeat => Variable is not null;

    /// <summary>Null when the text is not a placeholder at all.</summary>
    public static TemplateTag? Parse(string? text)
    {
        if (text is null) return null;
        var trimmed = Spaces().Replace(text.Trim(), " ");
        var each = Each().Match(trimmed);
        if (each.Success)
            return new TemplateTag(trimmed, each.Groups["var"].Value, each.Groups["path"].Value.Split('.'));
        return Field().IsMatch(trimmed) ? new TemplateTag(trimmed, null, trimmed.Split('.')) : null;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^each (?<var>[A-Za-z][A-Za-z0-9]*) in (?<path>[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*)$")]
    private static partial Regex Each();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$")]
    private static partial Regex Field();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
