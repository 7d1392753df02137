using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Reads one instance's journal by walking its chain back from the instance's head (<see cref="InstanceRecord.JournalHead"/>,
/// then each burst's <see cref="JournalBurstRecord.PreviousId"/>): one key lookup per burst, with no index on the
/// instance for every resume to write. The same recursive query on SQLite and PostgreSQL. Callers that already hold the
/// instance's row pass its head; the others read it with <see cref="HeadAsync"/>.
/// </summary>
public static class JournalChain
{
    /// <summary>The instance's head; null for an instance that has journalled nothing, or no such instance.</summary>
    public static Task<long?> HeadAsync(WorkflowDbContext db, Guid instanceId, CancellationToken ct) =>
        db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.JournalHead).FirstOrDefaultAsync(ct);

    /// <summary>Every burst of the chain ending at <paramref name="head"/>, oldest first, tracked: a caller may change them and save.</summary>
    public static Task<List<JournalBurstRecord>> BurstsAsync(WorkflowDbContext db, long? head, CancellationToken ct) =>
        ReadAsync(db, head, fromBurst: 0, tracked: true, ct);

    /// <summary>
    /// The chain's entries after entry <paramref name="afterId"/>, in order, numbered as the <c>wf_journal</c> view
    /// numbers them (see <see cref="JournalBursts.Unpack"/>).
    /// </summary>
    public static async Task<List<JournalRecord>> EntriesAsync(WorkflowDbContext db, long? head, CancellationToken ct, long afterId = 0)
    {
        var entries = new List<JournalRecord>();
        foreach (var burst in await ReadAsync(db, head, afterId / JournalBurstRecord.EntriesPerBurst, tracked: false, ct))
            entries.AddRange(JournalBursts.Unpack(burst).Where(e => e.Id > afterId));
        return entries;
    }

    /// <summary>The chain's bursts with an id of at least <paramref name="fromBurst"/>, oldest first.</summary>
    private static async Task<List<JournalBurstRecord>> ReadAsync(WorkflowDbContext db, long? head, long fromBurst, bool tracked, CancellationToken ct)
    {
        if (head is not { } start || start < fromBurst) return [];
        // The walk stops at the first burst older than asked for, or at the instance's first (no previous).
        var query = db.JournalBursts.FromSql($"""
            WITH RECURSIVE chain (id) AS (
                SELECT CAST({start} AS bigint)
                UNION ALL
                SELECT b.previous_id FROM wf_journal_bursts AS b, chain AS c WHERE b.id = c.id AND b.previous_id >= {fromBurst})
            SELECT * FROM wf_journal_bursts WHERE id IN (SELECT id FROM chain)
            """);
        var bursts = await (tracked ? query : query.AsNoTracking()).ToListAsync(ct);
        bursts.Sort((a, b) => a.Id.CompareTo(b.Id));
        return bursts;
    }
}
