using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Opportunities;

/// <summary>Reads opportunities back. Lists use columns only and never load the stored JSON.</summary>
public sealed class OpportunityQueries(string connectionString)
{
    public async Task<IReadOnlyList<OpportunityListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var rows = await db.Opportunities.AsNoTracking()
            .OrderBy(o => o.DeadlineUtc == null).ThenBy(o => o.DeadlineUtc).ThenBy(o => o.Title)
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

    /// <summary>By our id or by OCID; null when neither matches.</summary>
    public async Task<StoredOpportunity?> FindAsync(string idOrOcid, CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var record = await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == idOrOcid || o.Ocid == idOrOcid, cancellationToken);
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
        await using var db = TenderDatabase.Open(connectionString);
        var query = db.OpportunityRevisions.AsNoTracking().Where(r => r.OpportunityId == id);
        query = revision is null ? query.OrderByDescending(r => r.Revision) : query.Where(r => r.Revision == revision);
        return await query.Select(r => r.Original).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        return await db.Opportunities.CountAsync(cancellationToken);
    }
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
