using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Pages.Delivery;

namespace TenderConsortium.Tests.Delivery;

/// <summary>The member's month-by-month commitments across bids: folded away when all is well, open under a warning when not.</summary>
public sealed class CapacitySummaryTests
{
    private static readonly DateOnly Today = new(2027, 3, 15);

    private static CapacityEntry Entry(string bid, CapacityKind kind, decimal volume) =>
        new("m1", "Govan Wellbeing Co-op", bid, $"Bid {bid}", kind, "hours", volume, new DateOnly(2027, 4, 1), new DateOnly(2027, 6, 30));

    [Test]
    public void Within_what_the_member_can_do_the_months_are_folded_behind_details()
    {
        var html = CapacitySummary.Render(CapacityLedger.Build([Entry("a", CapacityKind.Declared, 900), Entry("a", CapacityKind.Allocated, 300)]).Single(), Today).Value;
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("""<details class="govuk-details" id="capacity-months">"""), "closed: no open attribute");
            Assert.That(html, Does.Contain("Your commitments on other bids, month by month"));
            Assert.That(html, Does.Contain("you would never be asked for more"));
            Assert.That(html, Does.Not.Contain("govuk-warning-text"));
            Assert.That(html, Does.Contain(">Apr 2027<"), "months shortened in the table only, as GOV.UK style allows where space is short");
        });
    }

    [Test]
    public void Over_committed_the_months_are_open_under_a_warning()
    {
        var html = CapacitySummary.Render(CapacityLedger.Build([
            Entry("a", CapacityKind.Declared, 900), Entry("b", CapacityKind.Declared, 600),
            Entry("a", CapacityKind.Allocated, 600), Entry("b", CapacityKind.Allocated, 600)]).Single(), Today).Value;
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("""<details class="govuk-details" id="capacity-months" open>"""));
            Assert.That(html.IndexOf("govuk-warning-text", StringComparison.Ordinal), Is.GreaterThan(-1).And.LessThan(html.IndexOf("<details", StringComparison.Ordinal)),
                "the warning is above the table, not folded with it");
            Assert.That(html, Does.Contain("Too much"));
            Assert.That(html, Does.Contain("more than you can deliver in April 2027"), "the sentence names the month in full");
        });
    }
}
