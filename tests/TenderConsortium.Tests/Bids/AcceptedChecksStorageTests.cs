using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Persistence.Bids;
using TenderConsortium.Persistence.Reviews;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Bids;

/// <summary>The failed checks a person accepted are kept with the decision: on the bid's submission and on the adviser's approval.</summary>
public sealed class AcceptedChecksStorageTests : DatabaseTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly AcceptedCheck Deadline = new("deadline", "Days left before the deadline", "2 days left, fewer than the 5 the consortium wants", "The buyer confirmed the deadline; the pack is final");

    [Test]
    public async Task A_submission_keeps_the_failed_checks_the_lead_accepted()
    {
        var store = new BidStore(Db.ConnectionString);
        var bid = Bid.Start("opp-1", "default", "lead-partner-bid", "lead@consortium.example", null, Now.AddDays(2), Now, "lead");
        Assert.That(await store.TryAddAsync(bid), Is.True);
        bid = (await store.FindAsync("opp-1"))!;
        bid.RecordSubmission("PCS-1", Now, "lead", [Deadline]);
        await store.SaveAsync(bid);
        var stored = (await store.FindAsync("opp-1"))!.Submission!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.AcceptedChecks, Is.EqualTo(new[] { Deadline }));
            Assert.That(stored.Reference, Is.EqualTo("PCS-1"));
        });
    }

    [Test]
    public async Task An_approval_keeps_the_failed_checks_the_adviser_accepted_and_a_round_without_keeps_none()
    {
        var store = new ReviewStore(Db.ConnectionString);
        await store.SaveAsync(new Review("opp-1", 1, 1, ReviewDecision.ChangesRequested, [], Now));
        Assert.That((await store.CurrentAsync("opp-1"))!.AcceptedChecks, Is.Empty);
        await store.SaveAsync(new Review("opp-1", 2, 2, ReviewDecision.Approved, [], Now, DecidedBy: "adviser", DecidedAt: Now, AcceptedChecks: [Deadline]));
        Assert.That((await store.CurrentAsync("opp-1"))!.AcceptedChecks, Is.EqualTo(new[] { Deadline }));
    }
}
