using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Persistence.Members;

/// <summary>Reads the registry back. Lists use columns only.</summary>
public sealed class MemberQueries(TenderContexts contexts)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public MemberQueries(string connectionString) : this(new TenderContexts(connectionString)) { }

    public Task<IReadOnlyList<MemberListItem>> ListAsync(int limit = int.MaxValue, CancellationToken cancellationToken = default) =>
        ListAsync(null, 0, limit, cancellationToken);

    /// <summary>One page of one consortium's members (every consortium's when <paramref name="consortiumId"/> is null).</summary>
    public async Task<IReadOnlyList<MemberListItem>> ListAsync(string? consortiumId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var rows = await Scope(db, consortiumId)
            .OrderBy(m => m.Name).ThenBy(m => m.RegistrationNumber).ThenBy(m => m.Id)
            .Skip(skip).Take(take)
            .Select(m => new { m.Id, m.RegistrationNumber, m.Name, m.LegalForm, m.Email, m.ServiceAreas, m.Cpv })
            .ToListAsync(cancellationToken);
        // A contact address the relay refused for good is shown beside it: nobody can reach that member by email.
        var emails = rows.Select(m => m.Email).OfType<string>().Select(e => e.ToLower()).Distinct().ToList();
        var refused = await db.ContactRefusals.AsNoTracking().Where(r => emails.Contains(r.Address)).ToDictionaryAsync(r => r.Address, cancellationToken);
        return rows.Select(m => new MemberListItem(
                m.Id,
                m.RegistrationNumber,
                m.Name,
                Enum.Parse<LegalForm>(m.LegalForm),
                m.Email,
                Split(m.ServiceAreas),
                Split(m.Cpv),
                m.Email is { } e && refused.TryGetValue(e.ToLower(), out var r)
                    ? new ContactRefusal(r.Address, r.Reason, new DateTimeOffset(r.RefusedAt, TimeSpan.Zero), r.LeadToldAt is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null)
                    : null))
            .ToList();
    }

    /// <summary>By registration number (any spacing or case) or by our id; the default consortium's member first.</summary>
    public Task<StoredMember?> FindAsync(string registrationOrId, CancellationToken cancellationToken = default) => FindAsync(registrationOrId, null, cancellationToken);

    /// <summary>By registration number or id within one consortium (any when <paramref name="consortiumId"/> is null).</summary>
    public async Task<StoredMember?> FindAsync(string registrationOrId, string? consortiumId, CancellationToken cancellationToken = default)
    {
        var registration = MemberValidator.NormaliseRegistration(registrationOrId);
        await using var db = contexts.Open();
        var record = await Scope(db, consortiumId).Where(m => m.RegistrationNumber == registration || m.Id == registrationOrId)
            .OrderBy(m => m.Id == registrationOrId ? 0 : 1).ThenBy(m => m.ConsortiumId == Tenancy.Consortia.Default ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        return record is null
            ? null
            : new StoredMember(record.Id, MemberRecords.ToMember(record), new DateTimeOffset(record.CreatedAt, TimeSpan.Zero), new DateTimeOffset(record.UpdatedAt, TimeSpan.Zero));
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => CountAsync(null, cancellationToken);

    public async Task<int> CountAsync(string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await Scope(db, consortiumId).CountAsync(cancellationToken);
    }

    private static IQueryable<MemberRecord> Scope(TenderDbContext db, string? consortiumId) =>
        consortiumId is null ? db.Members.AsNoTracking() : db.Members.AsNoTracking().Where(m => m.ConsortiumId == consortiumId);

    private static IReadOnlyList<string> Split(string joined) => joined.Length == 0 ? [] : joined.Split(';');
}

/// <param name="Unreachable">Set when the mail relay refused <paramref name="Email"/> for good: nobody can reach the member by email.</param>
public sealed record MemberListItem(string Id, string RegistrationNumber, string Name, LegalForm LegalForm, string? Email, IReadOnlyList<string> ServiceAreas, IReadOnlyList<string> Cpv,
    ContactRefusal? Unreachable = null);

public sealed record StoredMember(string Id, Member Member, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
