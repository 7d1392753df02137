namespace TenderConsortium.Core.Notifications;

/// <summary>
/// A template that cannot be rendered: its file is missing or malformed, or it names a placeholder the model does not
/// have. The message names the template, the part (subject, text, html), the line and the placeholder.
/// </summary>
public sealed class EmailTemplateException(string template, string message, string? placeholder = null)
    : Exception($"Email template '{template}': {message}")
{
    public string Template { get; } = template;

    /// <summary>The placeholder's path as written, e.g. "member.name", when one is at fault.</summary>
    public string? Placeholder { get; } = placeholder;
}
