using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Tests.Delivery;

/// <summary>A member's capacity across bids: over-committed only when what it holds and may win exceeds what it said it can do.</summary>
public sealed class CapacityLedgerTests
{
    private static CapacityEntry Entry(string bid, CapacityKind kind, decimal volume) =>
        new("m1", "Govan Wellbeing Co-op", bid, $"Bid {bid}", kind, "hours", volume, new DateOnly(2027, 4, 1), new DateOnly(2027, 6, 30));

    [Test]
    public void Two_pending_bids_each_within_the_declaration_are_over_committed_together()
    {
        var ledger = CapacityLedger.Build([
            Entry("a", CapacityKind.Declared, 900), Entry("b", CapacityKind.Declared, 600),
            Entry("a", CapacityKind.Allocated, 600), Entry("b", CapacityKind.Allocated, 600),
        ]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Months, Has.Count.EqualTo(3));
            Assert.That(ledger.OverCommittedMonths, Has.Count.EqualTo(3));
            Assert.That(ledger.Months[0].Declared, Is.EqualTo(decimal.Round(900m * 30 / 91, 2)));
            Assert.That(ledger.Months[0].Bids, Is.EqualTo(new[] { "Bid a", "Bid b" }));
        });
    }

    [Test]
    public void One_bid_with_two_lots_within_what_was_declared_in_each_is_not_over_committed()
    {
        // Declared 675 in one lot and 300 in the other; given 600 and 300: within what it said, lot by lot and in total.
        var ledger = CapacityLedger.Build([
            Entry("a", CapacityKind.Declared, 675), Entry("a", CapacityKind.Declared, 300),
            Entry("a", CapacityKind.Allocated, 600), Entry("a", CapacityKind.Allocated, 300),
        ]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(ledger.OverCommittedMonths, Is.Empty);
            Assert.That(ledger.Months.Sum(m => m.Declared), Is.EqualTo(975m).Within(0.05m), "the bid's lots add up");
        });
    }

    [Test]
    public void A_contract_and_a_pending_bid_within_the_declaration_are_fine()
    {
        var ledger = CapacityLedger.Build([
            Entry("a", CapacityKind.Declared, 1200), Entry("a", CapacityKind.Contracted, 600), Entry("b", CapacityKind.Allocated, 500),
        ]).Single();
        Assert.That(ledger.OverCommittedMonths, Is.Empty);
        Assert.That(ledger.Months.Sum(m => m.Exposure), Is.EqualTo(1100m).Within(0.05m));
    }

    [Test]
    public void A_contract_alone_is_not_an_over_commitment_since_no_pending_bid_adds_to_it()
    {
        var ledger = CapacityLedger.Build([Entry("a", CapacityKind.Contracted, 900)]).Single();
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Months, Has.Count.EqualTo(3), "the contract still shows month by month");
            Assert.That(ledger.OverCommittedMonths, Is.Empty);
        });
    }

    [Test]
    public void A_pending_bid_on_top_of_a_contract_beyond_the_declaration_is_over_committed_and_said_in_words()
    {
        var ledger = CapacityLedger.Build([
            Entry("a", CapacityKind.Contracted, 900), Entry("b", CapacityKind.Declared, 600), Entry("b", CapacityKind.Allocated, 600),
        ]).Single();
        Assert.That(ledger.OverCommittedMonths, Has.Count.EqualTo(3));
        Assert.That(OverCommitment.Describe(ledger), Does.StartWith("Govan Wellbeing Co-op would be over-committed in 3 months if every pending bid were won: in May 2027 it would deliver ")
            .And.Contain("hours, but declared at most ").And.EndWith("(Bid a, Bid b)."));
    }
}
