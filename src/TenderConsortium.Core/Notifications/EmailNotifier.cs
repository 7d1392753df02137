using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Core.Notifications;

/// <summary>Renders a template and queues it in the instance's outbox, so the email commits with the step that caused it.</summary>
public static class EmailNotifier
{
    /// <param name="discriminator">
    /// Makes the event unique per message within one run of the activity (it makes the Message-ID), e.g. the member id
    /// and a revision. The event is "template:discriminator", so the daily digest can tell which template it came from.
    /// </param>
    public static void Notify(this ActivityContext context, string template, string discriminator, IEnumerable<string> recipients,
        IReadOnlyDictionary<string, object?> model, IReadOnlyList<MailAttachment>? attachments = null)
    {
        var list = recipients.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        if (list.Count == 0) return;
        var email = context.Service<IEmailTemplates>().Render(template, model);
        var (fromName, replyTo) = Sender(context);
        context.SendEmail(discriminator.Length == 0 ? template : $"{template}:{discriminator}", list, email.Subject, email.Text, email.Html, attachments,
            fromName, replyTo);
    }

    /// <summary>
    /// Who the bid's emails come from and where replies go: the consortium by its name (unless the bid kept the
    /// definition's nameless default, when the node's Mail:FromName stands) and the lead's contact address.
    /// </summary>
    private static (string? FromName, string? ReplyTo) Sender(ActivityContext context)
    {
        TenderSettings settings;
        try
        {
            settings = context.TenderSettings();
        }
        catch (Common.BadInputException)
        {
            return (null, null); // a workflow without the tender settings: the node's own sender
        }

        var name = string.IsNullOrWhiteSpace(settings.ConsortiumName) || settings.ConsortiumName == new TenderSettings().ConsortiumName
            ? null
            : settings.ConsortiumName.Trim();
        return (name, settings.LeadEmails.FirstOrDefault());
    }
}
