using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Persistence.Tenancy;

public sealed record Consortium(string Id, string Name);

/// <summary>Consortia by name; the CLI creates one the first time a lead of it is added.</summary>
public sealed class ConsortiumStore(TenderContexts contexts, TimeProvider time)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public ConsortiumStore(string connectionString, TimeProvider time) : this(new TenderContexts(connectionString), time) { }

    public ConsortiumStore(string connectionString) : this(connectionString, TimeProvider.System) { }

    public const int MaxNameLength = 100;

    /// <summary>
    /// By id, or by name in any case: "clyde consortium" typed at a prompt is the Clyde Consortium, and adding a lead
    /// with it does not create a second one. Both sides are lowered by the database, so they are lowered alike.
    /// </summary>
    public async Task<Consortium?> FindAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Set<ConsortiumRecord>().AsNoTracking()
            .Where(c => c.Id == idOrName || c.Name.ToLower() == idOrName.ToLower())
            .OrderBy(c => c.Id == idOrName ? 0 : c.Name == idOrName ? 1 : 2).ThenBy(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new Consortium(row.Id, row.Name);
    }

    /// <summary>The consortium named so, created when there is none.</summary>
    public async Task<Consortium> EnsureAsync(string name, CancellationToken cancellationToken = default)
    {
        var clean = CheckName(name);
        if (await FindAsync(clean, cancellationToken) is { } found) return found;
        await using var db = contexts.Open();
        var record = new ConsortiumRecord { Id = Guid.NewGuid().ToString("N"), Name = clean, CreatedAt = time.GetUtcNow().UtcTicks };
        db.Set<ConsortiumRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new Consortium(record.Id, record.Name);
    }

    public async Task<IReadOnlyList<Consortium>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await db.Set<ConsortiumRecord>().AsNoTracking().OrderBy(c => c.Name).Select(c => new Consortium(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The consortium's id for a --consortium option: the default one when none is given; an unknown name is bad input.</summary>
    public async Task<string> ResolveAsync(string? idOrName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(idOrName)) return Consortia.Default;
        return (await FindAsync(idOrName.Trim(), cancellationToken))?.Id
               ?? throw new BadInputException($"--consortium: no consortium '{idOrName.Trim()}' (one is created by 'tender users add --role lead --consortium NAME')");
    }

    private static string CheckName(string name)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length == 0) throw new BadInputException("--consortium: expected a name");
        if (clean.Length > MaxNameLength) throw new BadInputException($"--consortium: expected at most {MaxNameLength} characters");
        if (clean.Any(char.IsControl)) throw new BadInputException("--consortium: control characters are not allowed in a name");
        return clean;
    }
}
