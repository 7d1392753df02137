using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Persistence.Contacts;

/// <summary>
/// What follows a permanent refusal of an address: the consortium's leads are told once, in plain words with the
/// relay's reason (an email queued in the outbox like any other), and every open declaration round that waits for a
/// member at that address stops waiting for it (the member's bookmark is resumed with <c>{"unreachable": reason}</c>).
/// </summary>
/// <param name="fallbackLead">Who to tell when the consortium has no lead account: the lead's contact (Mail:ReplyTo).</param>
public sealed class ContactRefusalFollowUp(
    string connectionString,
    IContactRefusals refusals,
    IEmailTemplates templates,
    PublicLinks links,
    IDbContextFactory<WorkflowDbContext> runtimeDb,
    WorkflowRuntime runtime,
    IOptions<WorkflowRuntimeOptions> runtimeOptions,
    TimeProvider time,
    string? fallbackLead = null)
{
    public const string EventKey = EmailTemplateNames.AddressRefusedLead + "#0";

    /// <summary>The command that says an address works again; shown to the lead.</summary>
    public static string ClearCommand(string address) => $"tender mail reachable {address}";

    /// <summary>Tells the leads (once per address) and releases the rounds; safe to call again.</summary>
    public async Task FollowUpAsync(ContactRefusal refusal, CancellationToken ct = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var members = await db.Members.AsNoTracking().Where(m => m.Email != null && m.Email.ToLower() == refusal.Address).ToListAsync(ct);
        if (refusal.LeadToldAt is null) await TellLeadsAsync(db, refusal, members.Select(m => (m.Name, m.ConsortiumId)).ToList(), ct);
        await ReleaseRoundsAsync(db, refusal, ct);
    }

    private async Task TellLeadsAsync(TenderDbContext db, ContactRefusal refusal, List<(string Name, string ConsortiumId)> members, CancellationToken ct)
    {
        var consortia = members.Select(m => m.ConsortiumId).Distinct().ToList();
        var leads = await db.Set<UserRecord>().AsNoTracking()
            .Where(u => u.Role == AccountRoles.Lead && u.ConsortiumId != null && (consortia.Count == 0 || consortia.Contains(u.ConsortiumId)))
            .Select(u => u.Email).ToListAsync(ct);
        if (leads.Count == 0 && !string.IsNullOrWhiteSpace(fallbackLead)) leads.Add(fallbackLead.Trim());
        // A lead whose own address was refused cannot be told by email; the registry and the failed list still say it.
        leads = leads.Where(l => !string.Equals(l.Trim(), refusal.Address, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var now = time.GetUtcNow();
        if (leads.Count > 0)
        {
            var rendered = templates.Render(EmailTemplateNames.AddressRefusedLead, EmailModels.Model(
                ("address", refusal.Address),
                ("member", members.Count == 0 ? null : string.Join(", ", members.Select(m => m.Name).Distinct())),
                ("reason", refusal.Reason),
                ("clearCommand", ClearCommand(refusal.Address)),
                ("link", links.BaseUrl + "/lead/members")));
            await using var outbox = await runtimeDb.CreateDbContextAsync(ct);
            // One message per (refused address, lead): the Message-ID is stable, so a repeat after a crash is the same email.
            var instance = AddressInstance(refusal.Address);
            foreach (var lead in leads)
            {
                var messageId = ActivityContext.StableMessageId(instance, EventKey, lead, runtimeOptions.Value.MessageIdDomain);
                if (await outbox.Outbox.AnyAsync(o => o.MessageId == messageId, ct)) continue;
                var mail = new OutgoingMail(messageId, lead, rendered.Subject, rendered.Text, rendered.Html);
                outbox.Outbox.Add(new OutboxRecord
                {
                    Type = OutboxMessageTypes.Email, MessageId = messageId, Event = EventKey, Recipient = lead, Subject = rendered.Subject,
                    Payload = JsonSerializer.Serialize(mail), Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                });
            }

            await outbox.SaveChangesAsync(ct);
        }

        await refusals.MarkLeadToldAsync(refusal.Address, now, ct);
    }

    private async Task ReleaseRoundsAsync(TenderDbContext db, ContactRefusal refusal, CancellationToken ct)
    {
        var waiting = await (
                from i in db.Invitations.AsNoTracking()
                join r in db.DeclarationRounds.AsNoTracking() on i.OpportunityId equals r.OpportunityId
                where i.Email.ToLower() == refusal.Address && r.ClosedAt == null && i.RevokedAt == null
                      && !db.Declarations.Any(d => d.OpportunityId == i.OpportunityId && d.MemberId == i.MemberId)
                select new { i.OpportunityId, i.MemberId, i.InstanceId })
            .ToListAsync(ct);
        foreach (var w in waiting)
        {
            if (!Guid.TryParse(w.InstanceId, out var instanceId)) continue;
            await runtime.ResumeAsync(instanceId, DeclarationSignals.Declaration, w.MemberId, new JsonObject { ["unreachable"] = refusal.Reason },
                $"unreachable:{w.OpportunityId}:{w.MemberId}", "the mail relay", ct);
        }
    }

    /// <summary>A made-up instance id per address, so the lead's notice has a Message-ID of its own, stable across nodes.</summary>
    private static Guid AddressInstance(string address) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("address-refused|" + address)).AsSpan(0, 16));
}
