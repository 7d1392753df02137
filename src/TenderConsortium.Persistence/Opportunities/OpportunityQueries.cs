using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Opportunities;

/// <summary>Reads opportunities back. Lists use columns only and never load the stored JSON.</summary>
public sealed class OpportunityQueries(TenderContexts contexts)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public OpportunityQueries(string connectionString) : this(new TenderContexts(connectionString)) { }

    public Task<IReadOnlyList<OpportunityListItem>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(null, 0, int.MaxValue, cancellationToken);

    /// <summary>One page of one consortium's opportunities (every consortium's when <paramref name="consortiumId"/> is null).</summary>
    public async Task<IReadOnlyList<OpportunityListItem>> ListAsync(string? consortiumId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var rows = await Scope(db, consortiumId)
            .OrderBy(o => o.DeadlineUtc == null).ThenBy(o => o.DeadlineUtc).ThenBy(o => o.Title).ThenBy(o => o.Id)
            .Skip(skip).Take(take)
            .Select(o => new { o.Id, o.Ocid, o.Source, o.Title, o.BuyerName, o.Reference, o.ValueMinor, o.Currency, o.DeadlineUtc, o.DeadlineOffsetMinutes, o.LotCount, o.Revision })
            .ToListAsync(cancellationToken);
        return rows.Select(o => new OpportunityListItem(
                o.Id,
                o.Ocid,
                o.Source,
                o.Title,
                o.BuyerName,
                o.Reference,
                o.ValueMinor is null || o.Currency is null ? null : new Money(MinorUnits.ToAmount(o.ValueMinor)!.Value, o.Currency),
                OpportunityRecords.Deadline(o.DeadlineUtc, o.DeadlineOffsetMinutes),
                o.LotCount,
                o.Revision))
            .ToList();
    }

    /// <summary>By our id or by OCID; null when neither matches. An OCID imported by several consortia finds the default consortium's first.</summary>
    public Task<StoredOpportunity?> FindAsync(string idOrOcid, CancellationToken cancellationToken = default) => FindAsync(idOrOcid, null, cancellationToken);

    /// <summary>By our id or by OCID within one consortium (any when <paramref name="consortiumId"/> is null); null when none matches.</summary>
    public async Task<StoredOpportunity?> FindAsync(string idOrOcid, string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var record = await Scope(db, consortiumId).Where(o => o.Id == idOrOcid || o.Ocid == idOrOcid)
            .OrderBy(o => o.Id == idOrOcid ? 0 : 1).ThenBy(o => o.ConsortiumId == Tenancy.Consortia.Default ? 0 : 1).ThenBy(o => o.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (record is null) return null;
        var revisions = await db.OpportunityRevisions.AsNoTracking()
            .Where(r => r.OpportunityId == record.Id)
            .OrderBy(r => r.Revision)
            .Select(r => new { r.Revision, r.RecordedAt, r.ReleaseId, r.Changes })
            .ToListAsync(cancellationToken);
        var history = revisions
            .Select(r => new OpportunityRevision(r.Revision, new DateTimeOffset(r.RecordedAt, TimeSpan.Zero), r.ReleaseId, r.Changes is null ? null : JsonNode.Parse(r.Changes)))
            .ToList();
        return new StoredOpportunity(
            record.Id,
            OpportunityRecords.ToOpportunity(record),
            record.Revision,
            new DateTimeOffset(record.CreatedAt, TimeSpan.Zero),
            new DateTimeOffset(record.UpdatedAt, TimeSpan.Zero),
            history);
    }

    /// <summary>The document exactly as imported for a revision (the latest when none is given).</summary>
    public async Task<string?> OriginalAsync(string id, int? revision = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var query = db.OpportunityRevisions.AsNoTracking().Where(r => r.OpportunityId == id);
        query = revision is null ? query.OrderByDescending(r => r.Revision) : query.Where(r => r.Revision == revision);
        return await query.Select(r => r.Original).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => CountAsync(null, cancellationToken);

    public async Task<int> CountAsync(string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await Scope(db, consortiumId).CountAsync(cancellationToken);
    }

    /// <summary>The id of the opportunity with this id or OCID within one consortium (any when null), without loading it.</summary>
    public async Task<string?> ResolveIdAsync(string idOrOcid, string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await Scope(db, consortiumId).Where(o => o.Id == idOrOcid || o.Ocid == idOrOcid)
            .OrderBy(o => o.Id == idOrOcid ? 0 : 1).ThenBy(o => o.ConsortiumId == Tenancy.Consortia.Default ? 0 : 1).ThenBy(o => o.CreatedAt)
            .Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The consortium an opportunity (by id) belongs to; null when there is no such opportunity.</summary>
    public async Task<string?> ConsortiumOfAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await db.Opportunities.AsNoTracking().Where(o => o.Id == id).Select(o => o.ConsortiumId).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<OpportunityRecord> Scope(TenderDbContext db, string? consortiumId) =>
        consortiumId is null ? db.Opportunities.AsNoTracking() : db.Opportunities.AsNoTracking().Where(o => o.ConsortiumId == consortiumId);
}

public sealed record OpportunityListItem(
    string Id,
    string Ocid,
    string Source,
    string Title,
    string Buyer,
    string? Reference,
    Money? Value,
    DateTimeOffset? Deadline,
    int Lots,
    int Revision);

public sealed record StoredOpportunity(
    string Id,
    Opportunity Opportunity,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OpportunityRevision> History);

/// <param name="Changes">JSON array of {path, before, after}; null for the first import.</param>
public sealed record OpportunityRevision(int Revision, DateTimeOffset RecordedAt, string? ReleaseId, JsonNode? Changes);
