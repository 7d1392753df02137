using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Security;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Bids;
using TenderConsortium.Persistence.Privacy;
using TenderConsortium.Host;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Privacy;

/// <summary>
/// The retention setting on a node that ran a declaration round (SQLite file, pickup folder), on a clock moved by hand:
/// .eml files older than the period go, newer ones stay; a won bid keeps its people, a lost one past the period is
/// cleared of every address and contact name, and a second sweep finds nothing more.
/// </summary>
public sealed partial class RetentionTests
{
    [Test]
    public async Task Past_the_period_old_email_files_and_lost_bids_personal_data_are_removed_and_won_bids_are_kept()
    {
        await using var tenants = await TenantsNode.StartAsync();
        var node = tenants.Node.App.Services.GetRequiredService<NodeSettings>();
        var outboxFolder = Path.Combine(node.DataFolder, "outbox");
        var started = DateTimeOffset.UtcNow;
        var clock = new ManualClock(started);
        var limit = DateTime.UtcNow.AddSeconds(30);
        while (Directory.EnumerateFiles(outboxFolder, "*.eml").Count() < 2 && DateTime.UtcNow < limit) await Task.Delay(100);
        var files = Directory.EnumerateFiles(outboxFolder, "*.eml").ToList();
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(2), "the round's emails are in the pickup folder");

        var off = new RetentionSweeper(node.ConnectionString, outboxFolder, new RetentionOptions(), clock);
        Assert.That(await off.SweepAsync(), Is.Null, "no period set: nothing is ever removed");

        await RecordOutcomeAsync(node.ConnectionString, tenants.OpportunityA, tenants.InstanceA, awarded: true, started);
        var sweeper = new RetentionSweeper(node.ConnectionString, outboxFolder, new RetentionOptions { Months = 24 }, clock);
        var within = await sweeper.SweepAsync();
        Assert.That(within!.EmailFilesDeleted + within.BidsCleared, Is.Zero, "within the period nothing goes");

        clock.Advance(started.AddMonths(25) - started);
        File.SetLastWriteTimeUtc(files[0], clock.GetUtcNow().UtcDateTime.AddDays(-1)); // an email of yesterday, on the moved clock
        var past = await sweeper.SweepAsync();
        Assert.That(past!.EmailFilesDeleted, Is.EqualTo(files.Count - 1));
        Assert.That(File.Exists(files[0]), Is.True, "an email within the period stays");
        Assert.That(past.BidsCleared, Is.Zero, "a won bid keeps its people: they are the contract's record");
        Assert.That(await AddressesAsync(node.ConnectionString, tenants.OpportunityA, tenants.InstanceA), Is.Not.Empty);

        await RecordOutcomeAsync(node.ConnectionString, tenants.OpportunityA, tenants.InstanceA, awarded: false, started);
        var lost = await sweeper.SweepAsync();
        Assert.That(lost!.BidsCleared, Is.EqualTo(1));
        Assert.That(await AddressesAsync(node.ConnectionString, tenants.OpportunityA, tenants.InstanceA), Is.Empty, "no address left in the lost bid");
        await using (var runtime = new WorkflowDbContext(WorkflowDatabase.Options(node.ConnectionString)))
        {
            var state = (await runtime.Instances.SingleAsync(i => i.Id == tenants.InstanceA)).State;
            Assert.That(state, Does.Not.Match("\"contactName\"\\s*:\\s*\"(?!\\(erased\\))"), "invited contacts' names are gone");
        }

        await using (var db = TenderDatabase.Open(node.ConnectionString))
            Assert.That(await db.Members.CountAsync(m => m.Email != null && !m.Email.EndsWith("@erased.invalid")), Is.GreaterThan(0), "the member registry is not a bid's data");
        Assert.That((await sweeper.SweepAsync())!.BidsCleared, Is.Zero, "a second sweep finds nothing more");
    }

    private static async Task RecordOutcomeAsync(string connection, string opportunityId, Guid instanceId, bool awarded, DateTimeOffset at)
    {
        await using var db = TenderDatabase.Open(connection);
        var bid = await db.Bids.Include(b => b.Outcomes).FirstOrDefaultAsync(b => b.OpportunityId == opportunityId);
        if (bid is null)
        {
            var consortium = await db.Opportunities.Where(o => o.Id == opportunityId).Select(o => o.ConsortiumId).SingleAsync();
            bid = new BidRecord { Id = Guid.NewGuid().ToString("N"), OpportunityId = opportunityId, ConsortiumId = consortium, WorkflowId = "lead-partner-allocation", InstanceId = instanceId,
                StartedAt = at.UtcTicks, StartedBy = "test" };
            db.Bids.Add(bid);
        }

        bid.Outcomes.Clear();
        await db.SaveChangesAsync();
        foreach (var lot in new[] { "1", "2" })
            bid.Outcomes.Add(new BidLotOutcomeRecord { BidId = bid.Id, LotId = lot, Awarded = awarded, RecordedAt = at.UtcTicks, RecordedBy = "lead@alpha.example" });
        await db.SaveChangesAsync();
    }

    /// <summary>Real addresses still held for the bid: invitations, its emails, its journal and its workflow data.</summary>
    private static async Task<List<string>> AddressesAsync(string connection, string opportunityId, Guid instanceId)
    {
        var found = new List<string>();
        await using (var db = TenderDatabase.Open(connection))
            found.AddRange((await db.Invitations.Where(i => i.OpportunityId == opportunityId).Select(i => i.Email).ToListAsync()).SelectMany(Addresses));
        await using var runtime = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        found.AddRange((await runtime.Outbox.Where(o => o.InstanceId == instanceId).Select(o => o.Recipient + " " + o.Payload).ToListAsync()).SelectMany(Addresses));
        found.AddRange((await runtime.JournalBursts.Where(b => b.InstanceId == instanceId).Select(b => b.Entries).ToListAsync()).SelectMany(Addresses));
        found.AddRange(Addresses((await runtime.Instances.SingleAsync(i => i.Id == instanceId)).State));
        return found;
    }

    private static IEnumerable<string> Addresses(string text) =>
        Email().Matches(text).Select(m => m.Value)
            // Placeholders, and Message-IDs (under the node's own domain), name no one.
            .Where(a => !a.EndsWith("@erased.invalid", StringComparison.OrdinalIgnoreCase) && !a.EndsWith("@tender-consortium.local", StringComparison.Ordinal));

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
