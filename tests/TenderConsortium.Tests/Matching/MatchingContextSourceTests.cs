using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Persistence.Allocations;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Matching;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Matching;

/// <summary>
/// Rotation and conflicts of interest reach matching in production: the stored source feeds conflicts declared for
/// this bid (and the matcher reads those on member profiles), so no test has to set MatchContext by hand.
/// </summary>
public sealed class MatchingContextSourceTests : DatabaseTest
{
    [Test]
    public async Task A_conflict_declared_for_this_bid_excludes_the_member_when_matching_runs_again()
    {
        var opportunity = (await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json"))).Opportunities.Single().Id;
        await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        var service = new MatchingService(new MatchingSource(Db.ConnectionString));
        var before = (await service.MatchAsync(opportunity))!.Lots[0];
        var first = before.Candidates[0];

        await new DeclarationStore(Db.ConnectionString).SaveAsync(new CapacityDeclaration
        {
            OpportunityId = opportunity,
            MemberId = first.MemberId,
            Conflicts = ["Our chair sits on the Glasgow City Council integration joint board."],
        });
        var context = await new MatchingSource(Db.ConnectionString).ContextForAsync(opportunity, 365);
        var after = (await service.MatchAsync(opportunity))!.Lots[0];
        Assert.Multiple(() =>
        {
            Assert.That(context.Conflicts[first.MemberId], Is.EqualTo(new[] { "Glasgow City Council" }));
            Assert.That(after.Candidates.Select(c => c.MemberId), Does.Not.Contain(first.MemberId));
            Assert.That(after.Excluded.Single(e => e.MemberId == first.MemberId).Reasons, Does.Contain("declared a conflict of interest with Glasgow City Council"));
        });
    }

    [Test]
    public async Task An_award_stored_on_another_bid_lowers_the_member_by_rotation_when_matching_runs_again()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var importer = new OpportunityImporter(Db.ConnectionString);
        var glasgow = (await importer.ImportFileAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json"))).Opportunities.Single().Id;
        var earlier = (await importer.ImportFileAsync(RepoFiles.Notice("cf-ocds-b5fd17-7445ba73-children-looked-after.json"))).Opportunities.Single().Id;
        await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        var service = new MatchingService(new MatchingSource(Db.ConnectionString, time: clock));
        var before = (await service.MatchAsync(glasgow))!.Lots.Single(l => l.LotId == "2");
        var first = before.Candidates[0];

        // The consortium's earlier bid: its allocation, accepted by the members, gave the first candidate work.
        var share = new Share(first.MemberId, first.Name, "1", 100, 3_000m, 100m, "all it declared");
        var result = new AllocationResult([new LotAllocation("1", "Earlier lot", 100, "hours", [share], 0, ObjectiveBreakdown.Zero)], ObjectiveBreakdown.Zero, 0, 0, [], []);
        await new AllocationStore(Db.ConnectionString).SaveAsync(new StoredAllocation(earlier, 1, AllocationStatus.Accepted, result, [], clock.GetUtcNow().AddDays(-30)));

        var after = (await service.MatchAsync(glasgow))!.Lots.Single(l => l.LotId == "2");
        var again = after.Candidates.Single(c => c.MemberId == first.MemberId);
        var other = after.Candidates.First(c => c.MemberId != first.MemberId);
        Assert.Multiple(() =>
        {
            Assert.That(before.Candidates.SelectMany(c => c.Reasons), Has.None.StartsWith("rotation:"), "no past bid, no rotation");
            Assert.That(again.Reasons, Does.Contain("rotation: 0 invitations and 1 award recently"));
            Assert.That(other.Reasons, Does.Contain("rotation: 0 invitations and 0 awards recently"));
            Assert.That(again.Score, Is.LessThan(first.Score), "a member with a recent award ranks lower than before");
        });

        // An award older than the rotation window no longer counts.
        clock.Advance(TimeSpan.FromDays(400));
        var later = (await service.MatchAsync(glasgow))!.Lots.Single(l => l.LotId == "2");
        Assert.That(later.Candidates.SelectMany(c => c.Reasons), Has.None.StartsWith("rotation:"));
    }
}
