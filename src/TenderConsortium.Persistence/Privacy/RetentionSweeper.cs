using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence.Privacy;

/// <summary>What one retention sweep removed.</summary>
public sealed record RetentionReport(DateTimeOffset Cutoff, int EmailFilesDeleted, int BidsCleared);

/// <summary>
/// Applies <see cref="RetentionOptions"/>: deletes <c>.eml</c> files older than the period, and clears people's addresses
/// and names from bids that were lost (every lot's outcome "not awarded") or ended without being submitted before the
/// period began. The organisations, their declarations and the allocation stay: they are what the consortium learns
/// from, and hold no person. Safe to run again and from several nodes: a cleared bid has nothing left to clear.
/// </summary>
public sealed partial class RetentionSweeper(string connectionString, string? pickupFolder, RetentionOptions options, TimeProvider time)
{
    public async Task<RetentionReport?> SweepAsync(CancellationToken ct = default)
    {
        if (options.Months <= 0) return null;
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-options.Months);
        return new RetentionReport(cutoff, DeleteOldFiles(cutoff), await ClearUnsuccessfulBidsAsync(cutoff, ct));
    }

    private int DeleteOldFiles(DateTimeOffset cutoff)
    {
        if (pickupFolder is null || !Directory.Exists(pickupFolder)) return 0;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(pickupFolder, "*.eml"))
        {
            if (File.GetLastWriteTimeUtc(file) >= cutoff.UtcDateTime) continue;
            File.Delete(file);
            deleted++;
        }

        return deleted;
    }

    private async Task<int> ClearUnsuccessfulBidsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var cleared = 0;
        await using var db = TenderDatabase.Open(connectionString);
        await using var runtime = new WorkflowDbContext(WorkflowDatabase.Options(connectionString));
        var bids = await db.Bids.AsNoTracking().Include(b => b.Outcomes).ToListAsync(ct);
        foreach (var bid in bids)
        {
            var instance = bid.InstanceId is { } id ? await runtime.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
            var lost = bid.Outcomes.Count > 0 && bid.Outcomes.All(o => !o.Awarded) && bid.Outcomes.Max(o => o.RecordedAt) < cutoff.UtcTicks;
            var abandoned = bid.SubmittedAt is null && bid.Outcomes.Count == 0 && instance?.FinishedAt is { } finished && finished < cutoff
                            && instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled or InstanceStatus.Faulted;
            if (!lost && !abandoned) continue;
            if (await ClearAsync(db, runtime, bid.OpportunityId, bid.InstanceId, ct)) cleared++;
        }

        return cleared;
    }

    /// <summary>Replaces every address (and invited contacts' names) held for one bid; true when something changed.</summary>
    private async Task<bool> ClearAsync(TenderDbContext db, WorkflowDbContext runtime, string opportunityId, Guid? instanceId, CancellationToken ct)
    {
        var changed = false;
        var placeholder = PersonalDataRedaction.ErasedName;
        foreach (var invitation in await db.Invitations.Where(i => i.OpportunityId == opportunityId).ToListAsync(ct))
        {
            if (!IsPerson(invitation.Email)) continue;
            invitation.Email = PersonalDataRedaction.NewPlaceholder();
            changed = true;
        }

        await db.SaveChangesAsync(ct);
        if (instanceId is not { } id) return changed;
        var note = $"[Removed under the consortium's retention period of {options.Months} months.]";
        foreach (var row in await runtime.Outbox.Where(o => o.InstanceId == id).ToListAsync(ct))
        {
            if (!IsPerson(row.Recipient)) continue;
            var placeholderAddress = PersonalDataRedaction.NewPlaceholder();
            row.Payload = JsonSerializer.Serialize(new OutgoingMail(row.MessageId, placeholderAddress, placeholder, note));
            row.Recipient = placeholderAddress;
            row.Subject = placeholder;
            row.LastError = row.LastError is null ? null : Scrub(row.LastError);
            changed = true;
        }

        // The instance's row first: its journal is found through the row's head.
        var instance = await runtime.Instances.FirstOrDefaultAsync(i => i.Id == id, ct);
        foreach (var burst in await JournalChain.BurstsAsync(runtime, instance?.JournalHead, ct))
        {
            var scrubbed = Scrub(burst.Entries);
            if (scrubbed == burst.Entries) continue;
            burst.Entries = scrubbed;
            changed = true;
        }

        if (instance is not null && Scrub(instance.State) is var state && state != instance.State)
        {
            instance.State = state;
            changed = true;
        }

        await runtime.SaveChangesAsync(ct);
        return changed;
    }

    private static bool IsPerson(string address) => Email().IsMatch(address) && !address.EndsWith("@erased.invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>Addresses (not the placeholders) and the names of invited contacts, as workflow data holds them.</summary>
    private static string Scrub(string text) =>
        ContactName().Replace(Email().Replace(text, m => m.Value.EndsWith("@erased.invalid", StringComparison.OrdinalIgnoreCase) ? m.Value : PersonalDataRedaction.ErasedName),
            m => m.Groups[1].Value + "\"" + PersonalDataRedaction.ErasedName + "\"");

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex("(\"contactName\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex ContactName();
}
