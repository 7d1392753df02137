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
        context.SendEmail(discriminator.Length == 0 ? template : $"{template}:{discriminator}", list, email.Subject, email.Text, email.Html, attachments);
    }
}
