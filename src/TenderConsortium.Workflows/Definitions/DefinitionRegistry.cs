using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Stored definition versions. A definition whose content hash is new becomes the next version; instances keep
/// the version they started with, read back from the store (not from the file, which may have changed since).
/// </summary>
public sealed class DefinitionRegistry(IDbContextFactory<WorkflowDbContext> dbFactory, DefinitionLoader loader, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _cache = new();

    public DefinitionLoader Loader => loader;

    /// <summary>Stores each definition that is new or changed; returns (id, version, whether it was added).</summary>
    public async Task<IReadOnlyList<(string Id, int Version, bool Added)>> SyncAsync(IEnumerable<WorkflowDefinition> definitions, CancellationToken ct = default)
    {
        var result = new List<(string, int, bool)>();
        foreach (var definition in definitions)
        {
            result.Add(await RegisterAsync(definition, ct));
        }

        return result;
    }

    public async Task<(string Id, int Version, bool Added)> RegisterAsync(WorkflowDefinition definition, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var existing = await db.Definitions.AsNoTracking()
                .Where(d => d.DefinitionId == definition.Id && d.Hash == definition.Hash)
                .Select(d => (int?)d.Version).FirstOrDefaultAsync(ct);
            if (existing is { } version)
            {
                _cache.TryAdd((definition.Id, version), definition);
                return (definition.Id, version, false);
            }

            var latest = await db.Definitions.Where(d => d.DefinitionId == definition.Id).MaxAsync(d => (int?)d.Version, ct) ?? 0;
            db.Definitions.Add(new DefinitionVersionRecord
            {
                DefinitionId = definition.Id,
                Version = latest + 1,
                Hash = definition.Hash,
                Name = definition.Name,
                Json = definition.Json,
                CreatedAt = time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
                _cache.TryAdd((definition.Id, latest + 1), definition);
                return (definition.Id, latest + 1, true);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node registered the same or another version at the same moment: look again.
            }
        }
    }

    public async Task<WorkflowDefinition> GetAsync(string id, int version, CancellationToken ct = default)
    {
        if (_cache.TryGetValue((id, version), out var cached)) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == id && d.Version == version, ct)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{id}' version {version} is not stored.");
        var definition = loader.Parse(record.Json, $"{id} v{version} (stored)");
        return _cache.GetOrAdd((id, version), definition);
    }

    public async Task<(WorkflowDefinition Definition, int Version)> GetLatestAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.Definitions.Where(d => d.DefinitionId == id).MaxAsync(d => (int?)d.Version, ct)
            ?? throw new WorkflowNotFoundException($"No workflow definition with id '{id}' is stored; known: {string.Join(", ", await db.Definitions.Select(d => d.DefinitionId).Distinct().ToListAsync(ct))}.");
        return (await GetAsync(id, version, ct), version);
    }

    public async Task<IReadOnlyList<DefinitionVersionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.Hash, d.CreatedAt })
            .ToListAsync(ct);
        var counts = await db.Instances.AsNoTracking()
            .GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.DefinitionId, StringComparer.Ordinal).ThenBy(r => r.Version)
            .Select(r => new DefinitionVersionSummary(r.DefinitionId, r.Version, r.Name, r.Hash, r.CreatedAt,
                counts.FirstOrDefault(c => c.DefinitionId == r.DefinitionId && c.DefinitionVersion == r.Version)?.Count ?? 0))
            .ToList();
    }
}

public sealed record DefinitionVersionSummary(string Id, int Version, string Name, string Hash, DateTimeOffset StoredAt, int Instances);
