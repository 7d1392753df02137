using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Invitations;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Cli.Privacy;

/// <summary>
/// Everything held about one member (by registration number) or one person (by email), for a subject access request
/// under UK GDPR: accounts, member records with their profile, invitations, declarations and the emails sent to them.
/// Live credentials are never exported: member and sign-in links in emails are replaced by a note, and token and
/// key hashes are left out.
/// </summary>
public static partial class PersonalDataExport
{
    public static async Task<JsonObject> ForMemberAsync(string connection, string registrationNumber, CancellationToken ct)
    {
        await using var db = TenderDatabase.Open(connection);
        var members = await db.Members.AsNoTracking().Where(m => m.RegistrationNumber == registrationNumber.Trim()).ToListAsync(ct);
        if (members.Count == 0) throw new Core.Common.BadInputException($"--member: no member with registration number '{registrationNumber}'");
        var emails = members.Select(m => m.Email).OfType<string>().Select(e => e.ToLowerInvariant()).ToHashSet();
        return await BuildAsync(db, connection, new JsonObject { ["member"] = registrationNumber.Trim() }, members, emails, ct);
    }

    public static async Task<JsonObject> ForEmailAsync(string connection, string email, CancellationToken ct)
    {
        var address = AccountStore.NormaliseEmail(email) ?? throw new Core.Common.BadInputException($"--email: expected an email address, got '{email}'");
        await using var db = TenderDatabase.Open(connection);
        var members = await db.Members.AsNoTracking().Where(m => m.Email != null && m.Email.ToLower() == address).ToListAsync(ct);
        return await BuildAsync(db, connection, new JsonObject { ["email"] = address }, members, [address], ct);
    }

    private static async Task<JsonObject> BuildAsync(TenderDbContext db, string connection, JsonObject subject, List<MemberRecord> members, HashSet<string> emails,
        CancellationToken ct)
    {
        var memberIds = members.Select(m => m.Id).ToList();
        var consortia = await db.Set<ConsortiumRecord>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var users = await db.Set<UserRecord>().AsNoTracking().Where(u => emails.Contains(u.Email)).ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var sessions = await db.Set<UserSessionRecord>().AsNoTracking().Where(s => userIds.Contains(s.UserId)).ToListAsync(ct);
        var invitations = await db.Invitations.AsNoTracking().Where(i => memberIds.Contains(i.MemberId) || emails.Contains(i.Email.ToLower())).ToListAsync(ct);
        var declarations = await db.Declarations.AsNoTracking().Where(d => memberIds.Contains(d.MemberId)).OrderBy(d => d.SubmittedAt).ToListAsync(ct);
        var recipients = emails.Concat(invitations.Select(i => i.Email.ToLowerInvariant())).ToHashSet();
        await using var runtime = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        var outbox = await runtime.Outbox.AsNoTracking().Where(o => recipients.Contains(o.Recipient.ToLower())).ToListAsync(ct);

        return new JsonObject
        {
            ["subject"] = subject,
            ["accounts"] = Array(users.Select(u => new JsonObject
            {
                ["email"] = u.Email, ["role"] = u.Role, ["consortium"] = u.ConsortiumId is { } c && consortia.TryGetValue(c, out var n) ? n : null,
                ["createdAt"] = Time(u.CreatedAt), ["signedInSessions"] = sessions.Count(s => s.UserId == u.Id),
            })),
            ["members"] = Array(members.Select(m => new JsonObject
            {
                ["registrationNumber"] = m.RegistrationNumber, ["name"] = m.Name, ["legalForm"] = m.LegalForm, ["email"] = m.Email,
                ["consortium"] = consortia.GetValueOrDefault(m.ConsortiumId), ["cpv"] = m.Cpv, ["serviceAreas"] = m.ServiceAreas,
                ["staffFte"] = m.StaffFte, ["assetLock"] = m.AssetLock, ["createdAt"] = Time(m.CreatedAt), ["updatedAt"] = Time(m.UpdatedAt),
                ["profile"] = Parse(m.Profile),
            })),
            ["invitations"] = Array(invitations.OrderBy(i => i.IssuedAt).Select(i => new JsonObject
            {
                ["opportunityId"] = i.OpportunityId, ["memberName"] = i.MemberName, ["email"] = i.Email,
                ["issuedAt"] = Time(i.IssuedAt), ["expiresAt"] = Time(i.ExpiresAt), ["revokedAt"] = i.RevokedAt is { } r ? Time(r) : null,
            })),
            ["declarations"] = Array(declarations.Select(d => new JsonObject
            {
                ["opportunityId"] = d.OpportunityId, ["revision"] = d.Revision, ["submittedAt"] = Time(d.SubmittedAt), ["declined"] = d.Declined, ["answer"] = Parse(d.Body),
            })),
            ["emails"] = Array(outbox.OrderBy(o => o.CreatedAt).Select(o => new JsonObject
            {
                ["to"] = o.Recipient, ["subject"] = o.Subject, ["status"] = o.Status, ["queuedAt"] = o.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'"),
                ["text"] = Redact(Text(o.Payload)),
            })),
        };
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items]);

    private static string Time(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm 'UTC'");

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Text(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<OutgoingMail>(message)?.TextBody ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Links that would let the reader act as the member or sign in become a note: an export is not a key.</summary>
    private static string Redact(string text) => Link().Replace(text, "[personal link removed from this export]");

    [GeneratedRegex(@"https?://\S+?(/d/[A-Za-z0-9_-]{20,}|/sign-in/verify\?token=[A-Za-z0-9_%-]+)\S*")]
    private static partial Regex Link();
}
