using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Bids;

/// <summary>The Bid aggregate's guards: facts are recorded in the order the buyer's process allows, once each.</summary>
public sealed class BidTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Lots = ["1", "2"];

    private static Bid Started()
    {
        var bid = Bid.Start("opp-1", "clyde", "lead-partner-bid", "bids@clyde.example", Now.AddDays(10), Now.AddDays(30), Now, "lead:bids@clyde.example");
        bid.AttachInstance(Guid.NewGuid());
        return bid;
    }

    private static ProblemCode CodeOf(Action change) => Assert.Throws<ProblemException>(change)!.Code;

    [Test]
    public void A_new_bid_is_in_preparation_with_nothing_recorded()
    {
        var bid = Started();
        Assert.Multiple(() =>
        {
            Assert.That(bid.Status, Is.EqualTo(BidStatus.InPreparation));
            Assert.That(bid.Version, Is.EqualTo(1));
            Assert.That(bid.Submission, Is.Null);
            Assert.That(bid.Outcomes, Is.Empty);
        });
    }

    [Test]
    public void The_outcome_cannot_come_before_the_submission()
    {
        var bid = Started();
        Assert.That(CodeOf(() => bid.RecordOutcome(["1"], Lots, Now, "lead")), Is.EqualTo(ProblemCode.Conflict));
        Assert.That(bid.Outcomes, Is.Empty);
    }

    [Test]
    public void A_submission_is_recorded_once_and_the_first_record_stands()
    {
        var bid = Started();
        bid.RecordSubmission("  PCS-1 ", Now, "lead");
        Assert.That(CodeOf(() => bid.RecordSubmission("PCS-2", Now.AddHours(1), "other")), Is.EqualTo(ProblemCode.Conflict));
        Assert.That(bid.Submission, Is.EqualTo(new BidSubmission("PCS-1", Now, "lead")));
        Assert.That(bid.Status, Is.EqualTo(BidStatus.Submitted));
    }

    [Test]
    public void The_outcome_names_every_lot_and_refuses_a_lot_the_notice_does_not_have()
    {
        var bid = Started();
        bid.RecordSubmission(null, Now, "lead");
        var unknown = Assert.Throws<ProblemException>(() => bid.RecordOutcome(["3"], Lots, Now, "lead"))!;
        bid.RecordOutcome(["2"], Lots, Now, "lead");

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Items.Single().Path, Is.EqualTo("awardedLots"));
            Assert.That(unknown.Code, Is.EqualTo(ProblemCode.Invalid));
            Assert.That(bid.Outcomes.Select(o => (o.LotId, o.Awarded)), Is.EqualTo(new[] { ("1", false), ("2", true) }));
            Assert.That(bid.Status, Is.EqualTo(BidStatus.Won));
            Assert.That(CodeOf(() => bid.RecordOutcome(["1"], Lots, Now, "lead")), Is.EqualTo(ProblemCode.Conflict), "decided once");
        });
    }

    [Test]
    public void Nothing_is_subcontracted_in_a_lot_that_was_not_awarded_and_a_member_has_one_subcontract()
    {
        var bid = Started();
        bid.RecordSubmission(null, Now, "lead");
        bid.RecordOutcome(["1"], Lots, Now, "lead");

        Assert.That(CodeOf(() => bid.RecordSubcontract(new BidSubcontract("m1", "Govan Care", ["2"], 1000m, null, 30, Now))), Is.EqualTo(ProblemCode.Conflict));
        bid.RecordSubcontract(new BidSubcontract("m1", "Govan Care", ["1"], 1000m, "a.docx", 30, Now));
        bid.RecordSubcontract(new BidSubcontract("m1", "Govan Care", ["1"], 1200m, "a.docx", 30, Now));
        Assert.That(bid.Subcontracts.Single().Value, Is.EqualTo(1200m), "issued again after a retry, not twice");
    }

    [Test]
    public void A_lost_bid_has_no_lot_to_subcontract_and_cannot_be_started_again()
    {
        var bid = Started();
        bid.RecordSubmission(null, Now, "lead");
        bid.RecordOutcome([], Lots, Now, "lead");
        Assert.Multiple(() =>
        {
            Assert.That(bid.Status, Is.EqualTo(BidStatus.Lost));
            Assert.That(CodeOf(() => bid.Restart("lead-partner-bid", null, null, null, Now, "lead")), Is.EqualTo(ProblemCode.Conflict));
        });
    }

    [Test]
    public void A_bid_runs_on_one_instance_and_a_restart_is_its_next_version()
    {
        var bid = Started();
        var first = bid.InstanceId!.Value;
        bid.AttachInstance(first);
        Assert.That(CodeOf(() => bid.AttachInstance(Guid.NewGuid())), Is.EqualTo(ProblemCode.Conflict));

        bid.RecordSubmission("PCS-1", Now, "lead");
        bid.Restart("lead-partner-bid-small", "new@clyde.example", null, null, Now.AddDays(1), "lead:new@clyde.example");
        Assert.Multiple(() =>
        {
            Assert.That(bid.Version, Is.EqualTo(2));
            Assert.That(bid.InstanceId, Is.Null);
            Assert.That(bid.Submission, Is.Null);
            Assert.That(bid.WorkflowId, Is.EqualTo("lead-partner-bid-small"));
        });
    }
}
