using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence.Privacy;

/// <summary>
/// Erases a person at their request (UK GDPR art. 17): their account goes; as a member's contact their name, address and
/// phone are replaced; invitations, the emails sent to them (database and pickup folder), the workflow journal and
/// state no longer hold their address or name. What a bid must keep as its lawful record stays: the members
/// (organisations) with their declarations, allocations, consents and sub-contracts, and the documents issued.
/// </summary>
/// <remarks>
/// Safe to run again: a second run finds nothing more. Run it while the node serves; a bid resumed at the same moment
/// may write back a state read before the erasure, which a second run then redacts.
/// </remarks>
public sealed class PersonalDataEraser(TenderContexts contexts, string? pickupFolder, TimeProvider time)
{
    public PersonalDataEraser(string connectionString, string? pickupFolder, TimeProvider time) : this(new TenderContexts(connectionString), pickupFolder, time) { }

    public async Task<ErasureReport> EraseEmailAsync(string email, CancellationToken ct = default)
    {
        var address = AccountStore.NormaliseEmail(email) ?? throw new BadInputException($"--email: expected an email address, got '{email}'");
        return await EraseAsync(address, address, ct);
    }

    /// <summary>Every contact of the member (with that registration number, in any consortium) is erased.</summary>
    public async Task<ErasureReport> EraseMemberContactsAsync(string registrationNumber, CancellationToken ct = default)
    {
        var registration = MemberValidator.NormaliseRegistration(registrationNumber) ?? "";
        List<string> addresses;
        await using (var db = contexts.Open())
        {
            var members = await db.Members.AsNoTracking().Where(m => m.RegistrationNumber == registration).ToListAsync(ct);
            if (members.Count == 0) throw new BadInputException($"--member: no member with registration number '{registrationNumber}'");
            addresses = members.SelectMany(m => MemberRecords.ToMember(m).Contacts.Select(c => c.Email.Trim().ToLowerInvariant()))
                .Where(a => !a.EndsWith("@erased.invalid", StringComparison.Ordinal)).Distinct().ToList();
        }

        var reports = new List<ErasureReport>();
        foreach (var address in addresses) reports.Add(await EraseAsync(address, registration, ct));
        if (reports.Count == 0) return await EraseAsync("", registration, ct);
        return reports.Aggregate((a, b) => new ErasureReport(registration, a.AccountsRemoved + b.AccountsRemoved, a.MemberContactsReplaced + b.MemberContactsReplaced,
            a.InvitationsChanged + b.InvitationsChanged, a.EmailsErased + b.EmailsErased, a.EmailsRedacted + b.EmailsRedacted, a.EmailFilesDeleted + b.EmailFilesDeleted,
            a.JournalBurstsRedacted + b.JournalBurstsRedacted, a.InstancesRedacted + b.InstancesRedacted, b.DeclarationsKept, b.AllocationsKept, b.SubcontractsKept));
    }

    private async Task<ErasureReport> EraseAsync(string address, string subject, CancellationToken ct)
    {
        var placeholder = PersonalDataRedaction.NewPlaceholder();
        var now = time.GetUtcNow();
        var accounts = address.Length > 0 && await new AccountStore(contexts, time).RemoveAsync(address, ct) ? 1 : 0;

        // The tender side: member contacts, invitations, bids naming them as lead, the refusal of their address.
        var names = new List<string?>();
        var memberIds = new List<string>();
        int contacts = 0, invitations = 0;
        await using (var db = contexts.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var record in await db.Members.ToListAsync(ct))
            {
                var member = MemberRecords.ToMember(record);
                if (address.Length == 0 || !member.Contacts.Any(c => Same(c.Email, address))) continue;
                names.AddRange(member.Contacts.Where(c => Same(c.Email, address)).Select(c => c.Name));
                memberIds.Add(record.Id);
                var erased = member with
                {
                    Contacts = [.. member.Contacts.Select(c => Same(c.Email, address) ? new Contact(PersonalDataRedaction.ErasedName, placeholder, null) : c)],
                };
                MemberRecords.Apply(record, erased, MemberRecords.Profile(erased), now.UtcTicks);
                contacts++;
            }

            foreach (var invitation in await db.Invitations.Where(i => i.Email.ToLower() == address).ToListAsync(ct))
            {
                invitation.Email = placeholder;
                memberIds.Add(invitation.MemberId);
                invitations++;
            }

            foreach (var bid in await db.Bids.Where(b => b.LeadEmail != null && b.LeadEmail.ToLower() == address).ToListAsync(ct)) bid.LeadEmail = placeholder;
            await db.SaveChangesAsync(ct);
            await db.ContactRefusals.Where(r => r.Address == address).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        var redaction = new PersonalDataRedaction(address.Length == 0 ? placeholder : address, placeholder, names);
        int erasedEmails = 0, redactedEmails = 0, bursts = 0, instances = 0;
        await using (var runtime = new WorkflowDbContext(WorkflowDatabase.Options(contexts.ConnectionString)))
        {
            await using var tx = await runtime.Database.BeginTransactionAsync(ct);
            foreach (var row in await runtime.Outbox.ToListAsync(ct))
            {
                if (Same(row.Recipient, address))
                {
                    row.Recipient = placeholder;
                    row.Subject = PersonalDataRedaction.ErasedName;
                    row.Payload = JsonSerializer.Serialize(new OutgoingMail(row.MessageId, placeholder, PersonalDataRedaction.ErasedName,
                        $"[This email was erased on {DisplayTime.Current.Date(now)} at the request of the person it was sent to.]"));
                    row.LastError = row.LastError is null ? null : redaction.Apply(row.LastError);
                    erasedEmails++;
                }
                else if (redaction.Mentions(row.Payload) || redaction.Mentions(row.Subject) || redaction.Mentions(row.LastError))
                {
                    row.Payload = redaction.Apply(row.Payload);
                    row.Subject = redaction.Apply(row.Subject);
                    row.LastError = row.LastError is null ? null : redaction.Apply(row.LastError);
                    redactedEmails++;
                }
            }

            foreach (var burst in await runtime.JournalBursts.ToListAsync(ct))
            {
                if (!redaction.Mentions(burst.Entries)) continue;
                burst.Entries = redaction.Apply(burst.Entries);
                bursts++;
            }

            foreach (var instance in await runtime.Instances.ToListAsync(ct))
            {
                if (!redaction.Mentions(instance.State)) continue;
                instance.State = redaction.Apply(instance.State);
                instances++;
            }

            foreach (var signal in await runtime.Signals.ToListAsync(ct))
                if (redaction.Mentions(signal.Payload)) signal.Payload = redaction.Apply(signal.Payload!);
            await runtime.SaveChangesAsync(ct);
            await runtime.MailPreferences.Where(p => p.Recipient == address).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        var files = 0;
        if (pickupFolder is not null && Directory.Exists(pickupFolder) && address.Length > 0)
        {
            foreach (var file in Directory.EnumerateFiles(pickupFolder, "*.eml"))
            {
                if (!redaction.Mentions(await File.ReadAllTextAsync(file, ct))) continue;
                File.Delete(file);
                files++;
            }
        }

        await using var kept = contexts.Open();
        var ids = memberIds.Distinct().ToList();
        return new ErasureReport(subject, accounts, contacts, invitations, erasedEmails, redactedEmails, files, bursts, instances,
            await kept.Declarations.CountAsync(d => ids.Contains(d.MemberId), ct),
            (await kept.Allocations.AsNoTracking().Select(a => a.Result).ToListAsync(ct)).Count(result => ids.Any(result.Contains)),
            await kept.BidSubcontracts.CountAsync(s => ids.Contains(s.MemberId), ct));
    }

    private static bool Same(string? a, string b) => b.Length > 0 && string.Equals(a?.Trim(), b, StringComparison.OrdinalIgnoreCase);
}
