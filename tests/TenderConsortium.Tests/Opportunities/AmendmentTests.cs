using System.Text;
using TenderConsortium.Persistence.Common;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>The same OCID imported again updates the opportunity and keeps the history of what changed.</summary>
public sealed class AmendmentTests : DatabaseTest
{
    private Task<OpportunityImportResult> ImportAsync(string json) =>
        new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "n.json");

    [Test]
    public async Task An_amendment_updates_the_opportunity_and_records_each_changed_field()
    {
        var first = await ImportAsync(NoticeSamples.Release);
        var amended = NoticeSamples.ReleaseNode()
            .Set("id", "r2")
            .Set("tender.tenderPeriod.endDate", "2025-03-08T12:00:00Z")
            .Set("tender.lots[0].value.amount", 120000);
        var second = await ImportAsync(amended.ToJsonString());

        var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync("ocds-test-0001");
        var paths = stored!.History[1].Changes!.AsArray().Select(c => (string)c!["path"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Created, Is.EqualTo(1));
            Assert.That(second.Updated, Is.EqualTo(1));
            Assert.That(second.Opportunities[0].Id, Is.EqualTo(first.Opportunities[0].Id), "same opportunity");
            Assert.That(stored.Revision, Is.EqualTo(2));
            Assert.That(stored.Opportunity.Deadline, Is.EqualTo(new DateTimeOffset(2025, 3, 8, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(stored.History, Has.Count.EqualTo(2));
            Assert.That(stored.History[0].Changes, Is.Null);
            Assert.That(paths, Is.EquivalentTo(new[] { "releaseId", "deadline", "lots[id=1].value.amount" }));
            Assert.That((decimal)stored.History[1].Changes!.AsArray().Single(c => (string)c!["path"]! == "lots[id=1].value.amount")!["before"]!, Is.EqualTo(100000m));
        });
        Assert.That(await new OpportunityQueries(Db.ConnectionString).OriginalAsync(stored.Id, 1), Does.Contain("\"r1\""));
        Assert.That(await new OpportunityQueries(Db.ConnectionString).OriginalAsync(stored.Id), Does.Contain("\"r2\""));
    }

    [Test]
    public async Task Importing_the_same_notice_twice_changes_nothing()
    {
        await ImportAsync(NoticeSamples.Release);
        var again = await ImportAsync(NoticeSamples.Release);
        var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync("ocds-test-0001");
        Assert.Multiple(() =>
        {
            Assert.That(again.Opportunities.Single().Outcome, Is.EqualTo(ImportOutcome.Unchanged));
            Assert.That(stored!.Revision, Is.EqualTo(1));
            Assert.That(stored.History, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_package_holding_a_notice_and_its_amendment_applies_both_in_order()
    {
        var amended = NoticeSamples.ReleaseNode().Set("tender.title", "Community transport (amended)");
        var result = await ImportAsync(NoticeSamples.Package(NoticeSamples.ReleaseNode(), amended));
        var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync("ocds-test-0001");
        Assert.Multiple(() =>
        {
            Assert.That((result.Created, result.Updated), Is.EqualTo((1, 1)));
            Assert.That(stored!.Opportunity.Title, Is.EqualTo("Community transport (amended)"));
            Assert.That(stored.History[1].Changes!.AsArray().Select(c => (string)c!["path"]!), Is.EqualTo(new[] { "title" }));
        });
    }

    [Test]
    public async Task A_failed_amendment_leaves_the_stored_opportunity_as_it_was()
    {
        await ImportAsync(NoticeSamples.Release);
        var bad = NoticeSamples.Package(NoticeSamples.ReleaseNode().Set("tender.title", "Changed"), NoticeSamples.ReleaseNode().Set("tender.value.amount", -1));
        Assert.ThrowsAsync<Core.Common.BadInputException>(() => ImportAsync(bad));
        var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync("ocds-test-0001");
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Opportunity.Title, Is.EqualTo("Community transport"));
            Assert.That(stored.Revision, Is.EqualTo(1));
        });
    }
}
