using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Consortium;

namespace TenderConsortium.Persistence.Consortium;

public sealed class LeadProfileStore(TenderContexts contexts) : ILeadProfileStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public LeadProfileStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<LeadProfile?> FindAsync(string consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Set<LeadProfileRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.ConsortiumId == consortiumId, cancellationToken);
        return row is null
            ? null
            : new LeadProfile(row.ConsortiumId, row.LegalName, row.RegistrationNumber, row.SignatoryName, row.SignatoryRole, row.ContactEmail, row.ContactPhone,
                row.Address, row.AdviserEmail, new DateTimeOffset(row.UpdatedAt, TimeSpan.Zero), row.UpdatedBy);
    }

    public async Task SaveAsync(LeadProfile profile, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await db.Set<LeadProfileRecord>().FirstOrDefaultAsync(p => p.ConsortiumId == profile.ConsortiumId, cancellationToken);
        if (row is null)
        {
            row = new LeadProfileRecord
            {
                ConsortiumId = profile.ConsortiumId, LegalName = "", RegistrationNumber = "", SignatoryName = "", SignatoryRole = "", ContactEmail = "", ContactPhone = "",
                Address = "", UpdatedBy = "",
            };
            db.Add(row);
        }

        row.LegalName = profile.LegalName;
        row.RegistrationNumber = profile.RegistrationNumber;
        row.SignatoryName = profile.SignatoryName;
        row.SignatoryRole = profile.SignatoryRole;
        row.ContactEmail = profile.ContactEmail;
        row.ContactPhone = profile.ContactPhone;
        row.Address = profile.Address;
        row.AdviserEmail = profile.AdviserEmail;
        row.UpdatedAt = profile.UpdatedAt.UtcTicks;
        row.UpdatedBy = profile.UpdatedBy;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
