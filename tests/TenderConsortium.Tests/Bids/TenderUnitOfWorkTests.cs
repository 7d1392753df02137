using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Bids;
using TenderConsortium.Persistence.Reviews;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Bids;

/// <summary>Stores joined to one unit of work a handler owns write together: all on commit, none without it.</summary>
public sealed class TenderUnitOfWorkTests : DatabaseTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Two_stores_in_one_unit_of_work_commit_together()
    {
        var node = new TenderContexts(Db.ConnectionString);
        await using (var unit = await node.BeginUnitOfWorkAsync())
        {
            var contexts = node.Join(unit);
            Assert.That(await new BidStore(contexts).TryAddAsync(NewBid()), Is.True);
            await new ReviewStore(contexts).SaveAsync(new Review("opp-1", 1, 1, ReviewDecision.ChangesRequested, [], Now));
            await unit.CommitAsync();
        }

        var bid = await new BidStore(Db.ConnectionString).FindAsync("opp-1");
        var review = await new ReviewStore(Db.ConnectionString).CurrentAsync("opp-1");
        Assert.Multiple(() =>
        {
            Assert.That(bid?.StartedBy, Is.EqualTo("lead"));
            Assert.That(review?.Round, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_unit_of_work_left_without_commit_keeps_none_of_its_writes()
    {
        await using (var unit = await TenderUnitOfWork.BeginAsync(Db.ConnectionString))
        {
            var contexts = new TenderContexts(Db.ConnectionString).Join(unit);
            Assert.That(await new BidStore(contexts).TryAddAsync(NewBid()), Is.True);
            await new ReviewStore(contexts).SaveAsync(new Review("opp-1", 1, 1, ReviewDecision.ChangesRequested, [], Now));
            // Read back through the same unit of work: its own writes are visible to it before the commit.
            Assert.That(await new BidStore(contexts).FindAsync("opp-1"), Is.Not.Null);
        }

        var bid = await new BidStore(Db.ConnectionString).FindAsync("opp-1");
        var review = await new ReviewStore(Db.ConnectionString).CurrentAsync("opp-1");
        Assert.Multiple(() =>
        {
            Assert.That(bid, Is.Null);
            Assert.That(review, Is.Null);
        });
    }

    private static Bid NewBid() => Bid.Start("opp-1", "default", "lead-partner-bid", "lead@consortium.example", null, Now.AddDays(2), Now, "lead");
}
