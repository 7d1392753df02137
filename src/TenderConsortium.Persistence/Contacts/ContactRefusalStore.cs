using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Persistence.Contacts;

/// <summary>The <c>contact_refusals</c> table behind <see cref="IContactRefusals"/>.</summary>
public sealed class ContactRefusalStore(TenderContexts contexts) : IContactRefusals
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public ContactRefusalStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public static string Normalise(string address) => address.Trim().ToLowerInvariant();

    public async Task<bool> RecordAsync(string address, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = Normalise(address);
        await using var db = contexts.Open();
        if (await db.ContactRefusals.AnyAsync(r => r.Address == key, cancellationToken)) return false;
        db.ContactRefusals.Add(new ContactRefusalRecord { Address = key, Reason = reason, RefusedAt = at.UtcTicks });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two nodes recorded the same refusal at once: the other one's row stands, and it tells the lead.
            return false;
        }
    }

    public async Task<ContactRefusal?> FindAsync(string address, CancellationToken cancellationToken = default) =>
        (await FindAsync([address], cancellationToken)).Values.FirstOrDefault();

    public async Task<IReadOnlyDictionary<string, ContactRefusal>> FindAsync(IEnumerable<string> addresses, CancellationToken cancellationToken = default)
    {
        var keys = addresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(Normalise).Distinct().ToList();
        var result = new Dictionary<string, ContactRefusal>(StringComparer.Ordinal);
        if (keys.Count == 0) return result;
        await using var db = contexts.Open();
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var row in await db.ContactRefusals.AsNoTracking().Where(r => chunk.Contains(r.Address)).ToListAsync(cancellationToken))
                result[row.Address] = ToRefusal(row);
        }

        return result;
    }

    public async Task MarkLeadToldAsync(string address, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = Normalise(address);
        await using var db = contexts.Open();
        await db.ContactRefusals.Where(r => r.Address == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeadToldAt, at.UtcTicks), cancellationToken);
    }

    public async Task<bool> ClearAsync(string address, CancellationToken cancellationToken = default)
    {
        var key = Normalise(address);
        await using var db = contexts.Open();
        return await db.ContactRefusals.Where(r => r.Address == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static ContactRefusal ToRefusal(ContactRefusalRecord row) => new(row.Address, row.Reason, new DateTimeOffset(row.RefusedAt, TimeSpan.Zero),
        row.LeadToldAt is { } told ? new DateTimeOffset(told, TimeSpan.Zero) : null);
}
