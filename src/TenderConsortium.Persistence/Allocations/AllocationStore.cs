using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Persistence.Allocations;

public sealed class AllocationStore(TenderContexts contexts) : IAllocationStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public AllocationStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task SaveAsync(StoredAllocation allocation, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await db.Allocations.FirstOrDefaultAsync(a => a.OpportunityId == allocation.OpportunityId && a.Round == allocation.Round, cancellationToken);
        if (row is null)
        {
            row = new AllocationRecord { OpportunityId = allocation.OpportunityId, Round = allocation.Round, Status = "", Result = "", Consents = "" };
            db.Allocations.Add(row);
        }

        row.Status = allocation.Status.ToString();
        row.Result = JsonSerializer.Serialize(allocation.Result, DomainJson.Options);
        row.Consents = JsonSerializer.Serialize(allocation.Consents, DomainJson.Options);
        row.UpdatedAt = allocation.UpdatedAt.UtcTicks;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<StoredAllocation?> CurrentAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Allocations.AsNoTracking().Where(a => a.OpportunityId == opportunityId)
            .OrderByDescending(a => a.Round).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToStored(row);
    }

    public async Task<IReadOnlyDictionary<string, int>> RecentAwardsAsync(DateTimeOffset since, string exceptOpportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var ticks = since.UtcTicks;
        var accepted = nameof(AllocationStatus.Accepted);
        var rows = await db.Allocations.AsNoTracking()
            .Where(a => a.OpportunityId != exceptOpportunityId && a.Status == accepted && a.UpdatedAt >= ticks)
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var latest in rows.GroupBy(r => r.OpportunityId).Select(g => g.MaxBy(r => r.Round)!))
        {
            var result = ToStored(latest).Result;
            foreach (var member in result.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId).Distinct())
                counts[member] = counts.GetValueOrDefault(member) + 1;
        }

        return counts;
    }

    private static StoredAllocation ToStored(AllocationRecord row) => new(
        row.OpportunityId,
        row.Round,
        Enum.Parse<AllocationStatus>(row.Status),
        JsonSerializer.Deserialize<AllocationResult>(row.Result, DomainJson.Options) ?? throw new InvalidDataException("empty allocation row"),
        JsonSerializer.Deserialize<List<MemberConsent>>(row.Consents, DomainJson.Options) ?? [],
        new DateTimeOffset(row.UpdatedAt, TimeSpan.Zero));
}
