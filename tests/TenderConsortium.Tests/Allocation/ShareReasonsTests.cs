using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Tests.Allocation;

/// <summary>
/// The reasons of a share are kept apart from its whole sentence, so the member's page and the bid pack (which show
/// the name and amount beside them) never cut the sentence apart by searching its text.
/// </summary>
public sealed class ShareReasonsTests
{
    private static readonly AllocationLot Ayrshire = new("1", "Ayrshire", 100, "hours", 20m, ["S12000021"]);

    private static Offer Member(string id, decimal price, long volume = 100) =>
        new(id, "Member " + id.ToUpperInvariant(), "1", volume, price, 0.5m, 0.5m, false, false, 0);

    [Test]
    public void The_reasons_are_the_end_of_the_explanation_without_the_name_or_the_amount()
    {
        var result = new AllocationSolver(AllocationRules.Default).Solve(new AllocationProblem([Ayrshire], [Member("a", 10m), Member("b", 15m), Member("c", 18m)]));
        foreach (var share in result.Lot("1").Shares)
        {
            Assert.That(share.Why, Is.Not.Null.And.Not.Empty);
            Assert.Multiple(() =>
            {
                Assert.That(share.Explanation, Does.EndWith(share.Why!));
                Assert.That(share.Why, Does.Not.Contain(share.MemberName).And.EndWith("."));
                Assert.That(share.Reasons()[0], Is.EqualTo(char.ToUpperInvariant(share.Why![0])));
            });
        }
    }

    [Test]
    public void A_share_stored_before_reasons_were_kept_apart_shows_its_whole_sentence()
    {
        var old = new Share("a", "Member A", "1", 40, 400m, 40m, "Member A: 40 hours (40% of Ayrshire), all it declared.");
        Assert.That(old.Reasons(), Is.EqualTo(old.Explanation));
    }
}
