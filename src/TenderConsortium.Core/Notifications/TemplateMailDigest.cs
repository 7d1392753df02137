using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Core.Notifications;

/// <summary>
/// The members' daily digest: the events in <see cref="EmailEvents.Digestible"/> wait for it; the digest itself is the
/// <see cref="EmailTemplateNames.DigestMember"/> template listing each held message's subject and text.
/// </summary>
/// <remarks>With <paramref name="unsubscribe"/> the digest carries a one-click unsubscribe link (RFC 8058) besides the mailto one.</remarks>
/// <remarks>With <paramref name="owed"/> a member's digest also lists every invoice still owed to it, and which are late.</remarks>
public sealed class TemplateMailDigest(IEmailTemplates templates, PublicLinks links, DigestUnsubscribeTokens? unsubscribe = null, Delivery.IOwedStatements? owed = null)
    : IMailDigest
{
    public bool CanWait(string eventKey) =>
        EmailTemplateNames.FromEventKey(eventKey) is { } template
        && template.EndsWith("." + EmailRoles.Member, StringComparison.Ordinal)
        && EmailEvents.Digestible.Contains(EmailTemplateNames.EventOf(template));

    public OutgoingMail Compose(string messageId, string recipient, DateOnly day, IReadOnlyList<HeldMail> held)
    {
        ArgumentOutOfRangeException.ThrowIfZero(held.Count);
        var model = new Dictionary<string, object?>
        {
            ["date"] = day,
            ["count"] = held.Count,
            ["items"] = held.Select(h => new Dictionary<string, object?>
            {
                ["subject"] = h.Mail.Subject,
                ["text"] = WithoutSignature(h.Mail.TextBody),
                ["at"] = h.QueuedAt,
            }).ToList(),
            ["link"] = links.BaseUrl,
            ["owed"] = Owed(recipient, day),
        };
        var rendered = templates.Render(EmailTemplateNames.DigestMember, model);
        var attachments = held.SelectMany(h => h.Mail.Attachments ?? []).ToList();
        return new OutgoingMail(messageId, recipient, rendered.Subject, rendered.Text, rendered.Html, held[0].Mail.FromAddress, held[0].Mail.FromName,
            attachments.Count == 0 ? null : attachments, CanUnsubscribe: true,
            UnsubscribeUrl: unsubscribe is null ? null : links.DigestUnsubscribe(unsubscribe.Issue(recipient)));
    }

    /// <summary>The invoices still owed to the recipient's member(s), as the digest lists them: amount, due date, days late, page.</summary>
    private List<Dictionary<string, object?>> Owed(string recipient, DateOnly day) =>
        owed?.For(recipient, day).Select(o => new Dictionary<string, object?>
        {
            ["contract"] = o.Contract,
            ["id"] = o.InvoiceId,
            ["period"] = Delivery.DeliveryText.Period(o.Period),
            ["outstanding"] = Delivery.DeliveryText.Money(o.Outstanding),
            ["status"] = o.DaysLate > 0 ? $"{Delivery.DeliveryText.Days(o.DaysLate)} late (it was due on {Delivery.DeliveryText.Day(o.DueOn)})" : $"due on {Delivery.DeliveryText.Day(o.DueOn)}",
            ["late"] = o.DaysLate > 0,
            ["link"] = o.Link,
        }).ToList() ?? [];

    /// <summary>The text without its footer: the layout ends each email with the usual "-- " signature line.</summary>
    internal static string WithoutSignature(string text)
    {
        var normalised = text.Replace("\r\n", "\n");
        var cut = normalised.StartsWith("-- \n", StringComparison.Ordinal) ? 0 : normalised.IndexOf("\n-- \n", StringComparison.Ordinal);
        return (cut < 0 ? normalised : normalised[..cut]).Trim();
    }
}
