using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
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
}
