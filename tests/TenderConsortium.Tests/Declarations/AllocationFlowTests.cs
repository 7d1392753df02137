using System.Text.Json.Nodes;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows;

namespace TenderConsortium.Tests.Declarations;

/// <summary>Allocation, the lead's approval and overrides, member consent and withdrawal, through the shipped workflow.</summary>
public sealed class AllocationFlowTests
{
    private static readonly JsonObject HoursTerms = new()
    {
        ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 10_000 },
        ["2"] = new JsonObject { ["unit"] = "hours", ["demand"] = 5_000 },
    };

    private BidHarness _bid = null!;
    private string _opportunity = null!;
    private Guid _instance;
    private IReadOnlyList<Invitation> _invited = null!;

    [SetUp]
    public async Task Start()
    {
        _bid = await BidHarness.CreateAsync();
        _opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        _instance = await _bid.StartAsync(_opportunity, new JsonObject { ["lotTerms"] = HoursTerms.DeepClone() });
        _invited = (await _bid.InvitedAsync(_opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
    }

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    [Test]
    public async Task Demand_nobody_offers_is_reported_to_the_lead_as_a_gap_per_lot_not_an_error()
    {
        await DeclareAsync(0, BidHarness.Offer("1", 2_000, 30m));
        await DeclareAsync(1, BidHarness.Offer("1", 2_000, 32m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");

        var allocation = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        var gapEmails = await _bid.EmailsAsync(_instance, "coverage-gap.lead:r1");
        var details = await _bid.Queries.GetInstanceAsync(_instance);
        Assert.Multiple(() =>
        {
            Assert.That(allocation.Result.Lot("1").Uncovered, Is.EqualTo(6_000));
            Assert.That(allocation.Result.Lot("2").Uncovered, Is.EqualTo(5_000));
            Assert.That(allocation.Result.Lot("1").Shares.Select(s => s.Volume), Is.EqualTo(new[] { 2_000L, 2_000L }));
            Assert.That(gapEmails.Select(m => m.To), Is.EqualTo(new[] { "lead@clyde.example" }));
            Assert.That(gapEmails[0].TextBody, Does.Contain("6,000 of 10,000 hours are not covered").And.Contain("5,000 of 5,000 hours are not covered"));
            Assert.That(details!.Summary.Status, Is.EqualTo("Suspended"));
            Assert.That(details.Summary.Stage, Is.EqualTo("Lead approval"));
        });
    }

    [Test]
    public async Task The_lead_overrides_a_share_with_a_reason_the_journal_records_then_approves_and_members_are_asked_to_consent()
    {
        for (var i = 0; i < 3; i++) await DeclareAsync(i, BidHarness.Offer("1", 5_000, 30m + i));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        var proposed = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        var third = _invited[2].MemberId;
        Assume.That(proposed.Result.ShareOf(third, "1")!.Volume, Is.Not.EqualTo(3_500));

        var overridden = await LeadDecisions.Override(_bid).HandleAsync(new OverrideAllocation(_opportunity, [new ShareOverride(third, "1", 3_500, "Runs the only detox beds in Govan")], "lead:jo"));
        var approved = await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        var journal = await _bid.JournalAsync(_instance);
        var requests = await _bid.EmailsAsync(_instance, "consent-request.member:");

        Assert.Multiple(() =>
        {
            Assert.That(overridden.Round, Is.EqualTo(2));
            Assert.That(overridden.Result.ShareOf(third, "1")!.Volume, Is.EqualTo(3_500));
            Assert.That(overridden.Result.ShareOf(third, "1")!.OverrideReason, Is.EqualTo("Runs the only detox beds in Govan"));
            Assert.That(overridden.Result.Lot("1").Covered, Is.EqualTo(10_000), "the rest of the lot is re-optimised around the pin");
            Assert.That(journal, Has.Some.Contains($"override by lead:jo: lot 1, member {third}: {proposed.Result.ShareOf(third, "1")!.Volume} → 3500. Reason: Runs the only detox beds in Govan"));
            Assert.That(journal, Has.Some.Contains("allocation round 2 approved by lead:jo"));
            Assert.That(approved.Status, Is.EqualTo(AllocationStatus.Approved));
            Assert.That(requests.Select(m => m.To), Is.EquivalentTo(_invited.Take(3).Select(i => i.Email)));
            Assert.That(requests.Select(m => BidHarness.TokenIn(m.TextBody)), Has.All.Length.EqualTo(43));
        });
    }

    [Test]
    public async Task Overrides_without_a_reason_or_beyond_what_the_member_declared_are_refused_naming_the_field()
    {
        await DeclareAsync(0, BidHarness.Offer("1", 5_000, 30m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        var member = _invited[0].MemberId;

        var ex = Assert.ThrowsAsync<ProblemException>(() => LeadDecisions.Override(_bid).HandleAsync(new OverrideAllocation(_opportunity,
        [
            new ShareOverride(member, "1", 6_000, " "),
            new ShareOverride(_invited[1].MemberId, "1", 100, "cover"),
            new ShareOverride(member, "9", 100, "cover"),
        ], "lead:jo")));

        Assert.That(ex!.Items.Select(p => p.Message), Is.EqualTo(new[]
        {
            $"Enter a share for {_invited[0].MemberName} in lot 1 from 0 to 5,000 hours, which is what it declared",
            "Enter why you set this share; the consortium records it and the member sees it",
            $"{_invited[1].MemberName} made no offer for lot 1; choose a member that declared for it",
            "There is no lot 9; choose lot 1 or 2",
        }));
        Assert.That(ex.Items.Select(p => p.Code), Is.All.EqualTo(ProblemCode.Invalid));
        Assert.That(ex.Items.Select(p => p.Path), Is.EqualTo(new[] { "overrides[0].volume", "overrides[0].reason", "overrides[1].memberId", "overrides[2].lotId" }),
            "each problem names its field for the page to put it beside");
        Assert.That((await _bid.AllocationStore.CurrentAsync(_opportunity))!.Round, Is.EqualTo(1), "nothing changed");
    }

    [Test]
    public async Task A_member_declining_its_share_re_runs_allocation_without_it_tells_the_lead_and_asks_whoever_gets_more()
    {
        for (var i = 0; i < 3; i++) await DeclareAsync(i, BidHarness.Offer("1", 3_000, 30m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        var before = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        var leaving = _invited[0].MemberId;

        var after = await _bid.Allocations.ConsentAsync(_opportunity, leaving, accept: false, "Lost our night-shift staff", "member:test");
        var gaps = await _bid.EmailsAsync(_instance, $"coverage-gap.lead:r{after.Round}");

        Assert.Multiple(() =>
        {
            Assert.That(before.Result.Lot("1").Uncovered, Is.EqualTo(1_000));
            Assert.That(after.Round, Is.EqualTo(before.Round + 1));
            Assert.That(after.Result.WithdrawnMemberIds, Is.EqualTo(new[] { leaving }));
            Assert.That(after.Result.ShareOf(leaving, "1"), Is.Null);
            Assert.That(after.Result.Lot("1").Uncovered, Is.EqualTo(4_000), "the others already give all they declared");
            Assert.That(after.Consents.Single(c => c.MemberId == leaving), Has.Property("Status").EqualTo(ConsentStatus.Declined).And.Property("Reason").EqualTo("Lost our night-shift staff"));
            Assert.That(gaps.Single().TextBody, Does.Contain("4,000 of 10,000 hours are not covered"));
        });

        foreach (var member in after.Consents.Where(c => c.Status == ConsentStatus.Pending).Select(c => c.MemberId).ToList())
            await _bid.Allocations.ConsentAsync(_opportunity, member, accept: true, null, "member:test");
        var final = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        Assert.Multiple(async () =>
        {
            Assert.That(final.Status, Is.EqualTo(AllocationStatus.Accepted));
            Assert.That((await _bid.Queries.GetInstanceAsync(_instance))!.Summary.Status, Is.EqualTo("Finished"));
        });
    }

    [Test]
    public async Task When_a_share_grows_after_a_decline_its_member_is_asked_again_for_the_larger_share()
    {
        await DeclareAsync(0, BidHarness.Offer("1", 4_000, 30m));
        await DeclareAsync(1, BidHarness.Offer("1", 8_000, 30m));
        await DeclareAsync(2, BidHarness.Offer("1", 8_000, 30m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        var before = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        // The member with the largest share leaves: the others (capped at 40% of 10,000 hours) must take up some of it.
        var leaving = before.Result.Lot("1").Shares.MaxBy(s => s.Volume)!.MemberId;
        foreach (var member in before.Result.Lot("1").Shares.Select(s => s.MemberId).Where(m => m != leaving))
            await _bid.Allocations.ConsentAsync(_opportunity, member, accept: true, null, "member:test");

        var after = await _bid.Allocations.ConsentAsync(_opportunity, leaving, accept: false, "Building closed for repairs", "member:test");
        var grown = after.Consents.Where(c => c.Status == ConsentStatus.Pending).Select(c => c.MemberId).ToList();
        var asked = await _bid.EmailsAsync(_instance, "consent-request.member:");

        Assert.Multiple(() =>
        {
            Assert.That(grown, Is.Not.Empty);
            Assert.That(grown, Has.All.Matches<string>(m => after.Result.ShareOf(m, "1")!.Volume > before.Result.ShareOf(m, "1")!.Volume),
                "only members whose share grew are asked again");
            Assert.That(asked.Count(m => grown.Contains(_invited.Single(i => i.Email == m.To).MemberId)), Is.EqualTo(2 * grown.Count),
                "asked once for the first share and once for the larger one");
        });
    }

    [Test]
    public async Task A_member_whose_accepted_share_shrinks_on_a_re_run_keeps_its_acceptance_and_is_told_its_new_share()
    {
        // Rotation makes the change: between the two rounds the member wins another bid, and its recent award weighs.
        var rules = new JsonObject { ["maxSharePerMember"] = "40%", ["rotationWeight"] = 1.0, ["rotationSaturation"] = 1 };
        await _bid.DisposeAsync();
        _bid = await BidHarness.CreateAsync();
        _opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        _instance = await _bid.StartAsync(_opportunity, new JsonObject { ["lotTerms"] = HoursTerms.DeepClone(), ["allocation"] = rules.DeepClone() });
        _invited = (await _bid.InvitedAsync(_opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < _invited.Count; i++) await DeclareAsync(i, BidHarness.Offer("1", 8_000, 30m)); // the last answer closes the round
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        var before = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;
        var shares = before.Result.Lot("1").Shares.Where(s => s.Volume > 0).OrderByDescending(s => s.Volume).ThenBy(s => s.MemberId, StringComparer.Ordinal).ToList();
        var (winner, leaving) = (shares[0].MemberId, shares[^1].MemberId);
        foreach (var share in shares.Where(s => s.MemberId != leaving))
            await _bid.Allocations.ConsentAsync(_opportunity, share.MemberId, accept: true, null, "member:test");

        var other = await _bid.ImportCopyAsync(BidHarness.Glasgow, "ocds-r6ebe6-9999567519");
        var otherInstance = await _bid.StartAsync(other, new JsonObject { ["lotTerms"] = HoursTerms.DeepClone() });
        var winnerEmail = _invited.Single(i => i.MemberId == winner).Email;
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(otherInstance, winnerEmail), BidHarness.Offer("1", 2_000, 30m));
        await _bid.Declarations.CloseAsync(other, "lead:test");
        await _bid.Allocations.ApproveAsync(other, "lead:jo");
        await _bid.Allocations.ConsentAsync(other, winner, accept: true, null, "member:test");
        Assume.That((await _bid.AllocationStore.CurrentAsync(other))!.Status, Is.EqualTo(AllocationStatus.Accepted), "the other bid's shares are accepted");

        var after = await _bid.Allocations.ConsentAsync(_opportunity, leaving, accept: false, "Lost our night-shift staff", "member:test");
        var told = await _bid.EmailsAsync(_instance, $"proposed-share.member:{winner}:r{after.Round}");
        var askedAgain = await _bid.EmailsAsync(_instance, $"consent-request.member:{winner}:r{after.Round}");
        Assert.Multiple(() =>
        {
            Assert.That(after.Result.ShareOf(winner, "1")!.Volume, Is.LessThan(before.Result.ShareOf(winner, "1")!.Volume), "the recent award moves work to the others");
            Assert.That(after.Consents.Single(c => c.MemberId == winner).Status, Is.EqualTo(ConsentStatus.Accepted), "a smaller share needs no new answer");
            Assert.That(askedAgain, Is.Empty);
            Assert.That(told.Select(m => m.To), Is.EqualTo(new[] { winnerEmail }));
            Assert.That(told[0].Subject, Does.StartWith("Your share has changed"));
            Assert.That(told[0].TextBody, Does.Contain($"{after.Result.ShareOf(winner, "1")!.Volume:N0} hours").And.Contain("acceptance stands"));
        });
    }

    [Test]
    public async Task Silence_past_the_consent_deadline_counts_as_a_decline()
    {
        await DeclareAsync(0, BidHarness.Offer("1", 4_000, 30m));
        await DeclareAsync(1, BidHarness.Offer("1", 4_000, 30m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        await _bid.Allocations.ConsentAsync(_opportunity, _invited[0].MemberId, accept: true, null, "member:test");

        await _bid.AdvanceAsync(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        Assert.That((await _bid.AllocationStore.CurrentAsync(_opportunity))!.Consents.Count(c => c.Status == ConsentStatus.Pending), Is.EqualTo(1));
        await _bid.AdvanceAsync(TimeSpan.FromSeconds(1));
        var final = (await _bid.AllocationStore.CurrentAsync(_opportunity))!;

        Assert.Multiple(async () =>
        {
            Assert.That(final.Consents.Single(c => c.MemberId == _invited[1].MemberId).Reason, Is.EqualTo("did not answer by the consent deadline"));
            Assert.That(final.Result.Lot("1").Shares.Select(s => s.MemberId), Is.EqualTo(new[] { _invited[0].MemberId }));
            Assert.That(final.Status, Is.EqualTo(AllocationStatus.Accepted));
            Assert.That((await _bid.Queries.GetInstanceAsync(_instance))!.Summary.Status, Is.EqualTo("Finished"));
        });
    }

    [Test]
    public async Task A_withdrawal_after_approval_re_runs_allocation_for_what_the_member_leaves()
    {
        for (var i = 0; i < 3; i++) await DeclareAsync(i, BidHarness.Offer("1", 5_000, 30m));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        await _bid.Allocations.ConsentAsync(_opportunity, _invited[0].MemberId, accept: true, null, "member:test");

        var after = await _bid.Allocations.WithdrawAsync(_opportunity, _invited[0].MemberId, "Entering administration", "lead:jo");

        Assert.Multiple(async () =>
        {
            Assert.That(after.Consents.Single(c => c.MemberId == _invited[0].MemberId).Status, Is.EqualTo(ConsentStatus.Withdrawn));
            Assert.That(after.Result.Lot("1").Shares.Select(s => s.MemberId), Is.EquivalentTo(new[] { _invited[1].MemberId, _invited[2].MemberId }));
            Assert.That(await _bid.JournalAsync(_instance), Has.Some.Contains("withdrew (Entering administration)"));
        });
        Assert.ThrowsAsync<ProblemException>(() => _bid.Allocations.WithdrawAsync(_opportunity, _invited[0].MemberId, "again", "lead:jo"),
            "a member that holds no share cannot withdraw");
    }

    [Test]
    public async Task A_member_withdrawing_after_everyone_accepted_re_runs_allocation_and_the_grown_share_is_asked_again()
    {
        await _bid.RegisterWithWithdrawalWatchAsync();
        var opportunity = await _bid.ImportAsync(BidHarness.Taxis);
        var instance = await _bid.StartAsync(opportunity, new JsonObject
        {
            ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 1_000 } },
            ["allocation"] = new JsonObject { ["maxSharePerMember"] = "60%" },
        }, definition: "allocation-then-watch");
        var invited = (await _bid.InvitedAsync(opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        foreach (var member in invited)
            await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, member.Email), BidHarness.Offer("1", 600, 18m));
        await _bid.Allocations.ApproveAsync(opportunity, "lead:jo");
        foreach (var member in invited) await _bid.Allocations.ConsentAsync(opportunity, member.MemberId, accept: true, null, "member:test");
        var accepted = (await _bid.AllocationStore.CurrentAsync(opportunity))!;
        Assume.That(accepted.Status, Is.EqualTo(AllocationStatus.Accepted));
        var shares = accepted.Result.Lot("1").Shares.OrderBy(s => s.Volume).ToList();
        Assume.That(shares[0].Volume, Is.LessThan(600));
        var stayer = shares[0].MemberId;

        var after = await _bid.Allocations.WithdrawAsync(opportunity, shares[1].MemberId, "Lost its licence", "lead:jo");
        var asked = await _bid.EmailsAsync(instance, $"consent-request.member:{stayer}:r{after.Round}");
        var grownConsent = await _bid.Allocations.ConsentAsync(opportunity, stayer, accept: true, null, "member:test");
        var details = await _bid.Queries.GetInstanceAsync(instance);

        Assert.Multiple(() =>
        {
            Assert.That(after.Result.ShareOf(stayer, "1")!.Volume, Is.EqualTo(600), "takes what it declared, up to the 60% cap");
            Assert.That(after.Result.Lot("1").Uncovered, Is.EqualTo(400));
            Assert.That(asked.Select(m => m.To), Is.EqualTo(new[] { invited.Single(i => i.MemberId == stayer).Email }));
            Assert.That(grownConsent.Status, Is.EqualTo(AllocationStatus.Accepted));
            Assert.That(details!.Bookmarks.Select(b => b.Name), Is.EquivalentTo(new[] { "withdrawal", "submitted" }), "still watching until the bid ends");
        });
    }

    [Test]
    public async Task Approval_is_refused_when_the_bid_is_not_waiting_for_it()
    {
        var ex = Assert.ThrowsAsync<ProblemException>(() => _bid.Allocations.ApproveAsync(_opportunity, "lead:jo"));
        Assert.That(ex!.Items.Single(), Is.EqualTo(new Problem("allocation", ProblemCode.Conflict,
            "\"Glasgow Residential Recovery Services\" has no allocation yet: members' shares are worked out when declarations close")));
        await _bid.Declarations.CloseAsync(_opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(_opportunity, "lead:jo");
        var again = Assert.ThrowsAsync<BadInputException>(() => _bid.Allocations.ApproveAsync(_opportunity, "lead:jo"));
        Assert.That(again!.Message, Is.EqualTo("the bid for this opportunity is not waiting for the lead's approval of the allocation now"));
    }

    private async Task DeclareAsync(int member, string json) =>
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(_instance, _invited[member].Email), json);
}
