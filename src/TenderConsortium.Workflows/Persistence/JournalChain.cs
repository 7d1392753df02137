using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Reads one instance's journal by walking its chain back from the instance's head (<see cref="InstanceRecord.JournalHead"/>,
/// then each burst's <see cref="JournalBurstRecord.PreviousId"/>): one key lookup per burst, with no index on the
/// instance for every resume to write. The same recursive query on SQLite and PostgreSQL.
/// </summary>
public static class JournalChain
{
    /// <summary>
    /// The instance's bursts with an id of at least <paramref name="fromBurst"/>, oldest first; tracked, so that a
    /// caller may change them and save (the retention sweep does). None for an unknown instance.
    /// </summary>
    public static async Task<List<JournalBurstRecord>> BurstsAsync(WorkflowDbContext db, Guid instanceId, CancellationToken ct, long fromBurst = 0)
    {
        var head = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.JournalHead).FirstOrDefaultAsync(ct);
        if (head is not { } start || start < fromBurst) return [];
        // The walk stops at the first burst older than asked for, or at the instance's first (no previous).
        var bursts = await db.JournalBursts.FromSql($"""
            WITH RECURSIVE chain (id) AS (
                SELECT CAST({start} AS bigint)
                UNION ALL
                SELECT b.previous_id FROM wf_journal_bursts AS b, chain AS c WHERE b.id = c.id AND b.previous_id >= {fromBurst})
            SELECT * FROM wf_journal_bursts WHERE id IN (SELECT id FROM chain)
            """).ToListAsync(ct);
        bursts.Sort((a, b) => a.Id.CompareTo(b.Id));
        return bursts;
    }

    /// <summary>
    /// The instance's entries after entry <paramref name="afterId"/>, in order, numbered as the <c>wf_journal</c> view
    /// numbers them (the burst's id times <see cref="JournalBurstRecord.EntriesPerBurst"/> plus the entry's place).
    /// </summary>
    public static async Task<List<JournalRecord>> EntriesAsync(WorkflowDbContext db, Guid instanceId, CancellationToken ct, long afterId = 0)
    {
        var entries = new List<JournalRecord>();
        foreach (var burst in await BurstsAsync(db, instanceId, ct, afterId / JournalBurstRecord.EntriesPerBurst))
        {
            db.Entry(burst).State = EntityState.Detached;
            using var json = JsonDocument.Parse(burst.Entries);
            var place = 0L;
            foreach (var e in json.RootElement.EnumerateArray())
            {
                var id = burst.Id * JournalBurstRecord.EntriesPerBurst + place++;
                if (id <= afterId) continue;
                entries.Add(new JournalRecord
                {
                    Id = id,
                    InstanceId = burst.InstanceId,
                    At = burst.At,
                    Kind = Text(e, "kind") ?? "",
                    ActivityId = Text(e, "activity"),
                    Actor = Text(e, "actor"),
                    Node = burst.Node,
                    Detail = Text(e, "detail"),
                });
            }
        }

        return entries;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
