using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Persistence.Tenancy;

/// <summary>What ties workflow instances to a consortium: bids are correlated by opportunity id, and declaration rounds name their instance.</summary>
public sealed class TenancyQueries(TenderContexts contexts)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public TenancyQueries(string connectionString) : this(new TenderContexts(connectionString)) { }

    /// <summary>The consortium's opportunity ids and the ids ("N" format) of the instances its declaration rounds run in.</summary>
    public async Task<(IReadOnlyList<string> OpportunityIds, IReadOnlyList<string> InstanceIds)> WorkflowKeysAsync(string consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.ConsortiumId == consortiumId).Select(o => o.Id).ToListAsync(cancellationToken);
        var instances = await (
                from r in db.DeclarationRounds.AsNoTracking()
                join o in db.Opportunities.AsNoTracking() on r.OpportunityId equals o.Id
                where o.ConsortiumId == consortiumId
                select r.InstanceId)
            .ToListAsync(cancellationToken);
        return (opportunities, instances);
    }

    /// <summary>Whether a workflow instance (correlation id and instance id) belongs to the consortium.</summary>
    public async Task<bool> OwnsInstanceAsync(string consortiumId, Guid instanceId, string? correlationId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        if (correlationId is not null && await db.Opportunities.AsNoTracking().AnyAsync(o => o.Id == correlationId && o.ConsortiumId == consortiumId, cancellationToken))
            return true;
        var key = instanceId.ToString("N");
        return await (
                from r in db.DeclarationRounds.AsNoTracking()
                join o in db.Opportunities.AsNoTracking() on r.OpportunityId equals o.Id
                where o.ConsortiumId == consortiumId && r.InstanceId == key
                select r.OpportunityId)
            .AnyAsync(cancellationToken);
    }
}
