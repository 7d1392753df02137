using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Persistence.Members;

/// <summary>Reads the registry back. Lists use columns only.</summary>
public sealed class MemberQueries(string connectionString)
{
    public async Task<IReadOnlyList<MemberListItem>> ListAsync(int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var rows = await db.Members.AsNoTracking()
            .OrderBy(m => m.Name).ThenBy(m => m.RegistrationNumber)
            .Take(limit)
            .Select(m => new { m.Id, m.RegistrationNumber, m.Name, m.LegalForm, m.Email, m.ServiceAreas, m.Cpv })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new MemberListItem(
                m.Id,
                m.RegistrationNumber,
                m.Name,
                Enum.Parse<LegalForm>(m.LegalForm),
                m.Email,
                Split(m.ServiceAreas),
                Split(m.Cpv)))
            .ToList();
    }

    /// <summary>By registration number (any spacing or case) or by our id.</summary>
    public async Task<StoredMember?> FindAsync(string registrationOrId, CancellationToken cancellationToken = default)
    {
        var registration = MemberValidator.NormaliseRegistration(registrationOrId);
        await using var db = TenderDatabase.Open(connectionString);
        var record = await db.Members.AsNoTracking()
            .FirstOrDefaultAsync(m => m.RegistrationNumber == registration || m.Id == registrationOrId, cancellationToken);
        return record is null
            ? null
            : new StoredMember(record.Id, MemberRecords.ToMember(record), new DateTimeOffset(record.CreatedAt, TimeSpan.Zero), new DateTimeOffset(record.UpdatedAt, TimeSpan.Zero));
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        return await db.Members.CountAsync(cancellationToken);
    }

    private static IReadOnlyList<string> Split(string joined) => joined.Length == 0 ? [] : joined.Split(';');
}

public sealed record MemberListItem(string Id, string RegistrationNumber, string Name, LegalForm LegalForm, string? Email, IReadOnlyList<string> ServiceAreas, IReadOnlyList<string> Cpv);

public sealed record StoredMember(string Id, Member Member, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
