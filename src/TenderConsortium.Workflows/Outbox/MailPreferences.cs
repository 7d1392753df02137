using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Outbox;

/// <summary>Recipients' choice between every email at once (the default) and a daily digest of the ones that can wait.</summary>
public sealed class MailPreferences(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Addresses compare case-insensitively.</summary>
    public static string Normalise(string address) => address.Trim().ToLowerInvariant();

    public async Task<bool> WantsDigestAsync(string recipient, CancellationToken ct = default)
    {
        var key = Normalise(recipient);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MailPreferences.AsNoTracking().AnyAsync(p => p.Recipient == key && p.Digest, ct);
    }

    /// <summary>
    /// Turns the daily digest on or off for one address. Turning it off releases what was held for it, so nothing waits
    /// for a digest that will not come.
    /// </summary>
    public async Task SetDigestAsync(string recipient, bool digest, CancellationToken ct = default)
    {
        var key = Normalise(recipient);
        if (key.Length == 0) throw new ArgumentException("An email address is required.", nameof(recipient));
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.MailPreferences.FirstOrDefaultAsync(p => p.Recipient == key, ct);
        if (row is null) db.MailPreferences.Add(new MailPreferenceRecord { Recipient = key, Digest = digest, UpdatedAt = now });
        else
        {
            row.Digest = digest;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        if (!digest)
        {
            await db.Outbox.Where(o => o.Status == OutboxStatus.Held && o.Recipient.ToLower() == key)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.NextAttemptAt, now), ct);
        }

        await tx.CommitAsync(ct);
    }
}
