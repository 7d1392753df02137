namespace TenderConsortium.Core.Notifications;

/// <summary>
/// Renders the email for one (event, role), e.g. "invitation.member", from the lead body's editable templates.
/// Model values are strings, numbers, dates, booleans, or lists of dictionaries for repeated sections; every value is
/// inserted as text (HTML-escaped in the HTML part). Unknown template names throw, naming the template.
/// </summary>
public interface IEmailTemplates
{
    RenderedEmail Render(string template, IReadOnlyDictionary<string, object?> model);
}
