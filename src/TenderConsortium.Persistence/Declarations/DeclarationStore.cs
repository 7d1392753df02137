using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Persistence.Declarations;

/// <summary>Declarations as revisions: a save adds the member's next revision in one transaction; the unique index settles races.</summary>
public sealed class DeclarationStore(TenderContexts contexts) : IDeclarationStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public DeclarationStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<CapacityDeclaration> SaveAsync(CapacityDeclaration declaration, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.Open();
            await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
            var last = await db.Declarations
                .Where(d => d.OpportunityId == declaration.OpportunityId && d.MemberId == declaration.MemberId)
                .MaxAsync(d => (int?)d.Revision, cancellationToken) ?? 0;
            var saved = declaration with { Revision = last + 1 };
            db.Declarations.Add(new DeclarationRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                OpportunityId = saved.OpportunityId,
                MemberId = saved.MemberId,
                Revision = saved.Revision,
                SubmittedAt = saved.SubmittedAt.UtcTicks,
                Declined = saved.Declined,
                Body = JsonSerializer.Serialize(saved, DomainJson.Options),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return saved;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two answers from the same member at once (a double-tapped button): the other took this revision number.
            }
        }
    }

    public async Task<IReadOnlyList<CapacityDeclaration>> LatestAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var rows = await db.Declarations.AsNoTracking()
            .Where(d => d.OpportunityId == opportunityId)
            .Where(d => d.Revision == db.Declarations.Where(o => o.OpportunityId == d.OpportunityId && o.MemberId == d.MemberId).Max(o => o.Revision))
            .OrderBy(d => d.MemberId)
            .Select(d => d.Body)
            .ToListAsync(cancellationToken);
        return rows.Select(Read).ToList();
    }

    public async Task<IReadOnlyList<CapacityDeclaration>> HistoryAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var rows = await db.Declarations.AsNoTracking()
            .Where(d => d.OpportunityId == opportunityId && d.MemberId == memberId)
            .OrderBy(d => d.Revision)
            .Select(d => d.Body)
            .ToListAsync(cancellationToken);
        return rows.Select(Read).ToList();
    }

    private static CapacityDeclaration Read(string body) =>
        JsonSerializer.Deserialize<CapacityDeclaration>(body, DomainJson.Options) ?? throw new InvalidDataException("empty declaration row");
}
