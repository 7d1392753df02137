using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>
/// The rule behind review and submission: a decision that goes ahead while checks of the pack fail needs one reason
/// per failed check; each missing one is its own problem, whose path names the check.
/// </summary>
public sealed class FailedChecksTests
{
    private static readonly BidPackChecks Pack = new("opp", "ocds-x", 3, new DateOnly(2026, 12, 3),
    [
        new BidPackCheck("lots-covered", "Every lot covered", CheckStatus.Pass, "all 2 lots covered in full"),
        new BidPackCheck("deadline", "Days left before the deadline", CheckStatus.Fail, "the deadline passed 3 days ago"),
        new BidPackCheck("word-limits", "Section word limits respected", CheckStatus.Warning, "cover 900/800"),
        new BidPackCheck("certifications", "Certifications valid for the contract", CheckStatus.Fail, "Govan Family Support SCIO: PVG expired on 31 October 2026"),
    ]);

    [Test]
    public void Each_failed_check_without_a_reason_is_a_problem_naming_it()
    {
        var refused = Assert.Throws<ProblemException>(() => FailedChecks.Accept(Pack, new Dictionary<string, string> { ["deadline"] = "  " }, "approve it"))!;
        Assert.Multiple(() =>
        {
            Assert.That(refused.Items.Select(p => p.Path), Is.EqualTo(new[] { "checks.deadline", "checks.certifications" }));
            Assert.That(refused.Code, Is.EqualTo(ProblemCode.Conflict));
            Assert.That(refused.Items[1].Message, Does.Contain("\"Certifications valid for the contract\" failed in bid pack version 3")
                .And.Contain("Govan Family Support SCIO: PVG expired").And.Contain("Say why you approve it all the same, or fix it and build the pack again"));
        });
    }

    [Test]
    public void A_reason_per_failed_check_is_accepted_and_kept_with_what_the_check_found()
    {
        var accepted = FailedChecks.Accept(Pack, new Dictionary<string, string>
        {
            ["deadline"] = " The buyer extended the deadline to 9 January by clarification 4 ",
            ["certifications"] = "Renewal booked for 20 December; the buyer accepts evidence at contract start",
        }, "submit");
        Assert.That(accepted, Is.EqualTo(new[]
        {
            new AcceptedCheck("deadline", "Days left before the deadline", "the deadline passed 3 days ago", "The buyer extended the deadline to 9 January by clarification 4"),
            new AcceptedCheck("certifications", "Certifications valid for the contract", "Govan Family Support SCIO: PVG expired on 31 October 2026",
                "Renewal booked for 20 December; the buyer accepts evidence at contract start"),
        }));
    }

    [Test]
    public void A_reason_for_a_check_that_did_not_fail_or_does_not_exist_is_refused_and_no_pack_asks_for_none()
    {
        var refused = Assert.Throws<ProblemException>(() => FailedChecks.Accept(Pack, new Dictionary<string, string>
        {
            ["deadline"] = "extended",
            ["certifications"] = "renewed",
            ["word-limits"] = "the buyer has no limit",
            ["spelling"] = "fine",
            ["lots-covered"] = new string('x', 2),
        }, "submit"))!;
        Assert.Multiple(() =>
        {
            Assert.That(refused.Items.Select(p => p.Path), Is.EqualTo(new[] { "checks.lots-covered", "checks.spelling", "checks.word-limits" }));
            Assert.That(refused.Items.Select(p => p.Code), Is.All.EqualTo(ProblemCode.Invalid));
            Assert.That(refused.Items[1].Message, Does.Contain("has no check 'spelling'"));
            Assert.That(FailedChecks.Accept(null, null, "submit"), Is.Empty, "no pack, nothing to hold the decision to");
            Assert.That(Assert.Throws<ProblemException>(() => FailedChecks.Accept(Pack, new Dictionary<string, string>
            {
                ["deadline"] = new string('x', FailedChecks.MaxReasonLength + 1), ["certifications"] = "renewed",
            }, "submit"))!.Items.Single().Path, Is.EqualTo("checks.deadline"));
        });
    }
}
