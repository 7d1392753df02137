using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Allocation;

/// <summary>Each rule on its own, gaps, overrides and withdrawal, on small lots whose right answer can be reasoned out.</summary>
public sealed class AllocationSolverTests
{
    private static readonly AllocationLot Ayrshire = new("1", "Ayrshire", 100, "hours", 20m, ["S12000021", "S12000028"]);

    /// <summary>No cap and no fairness cost, so that the one rule under test decides alone.</summary>
    private static readonly AllocationRules Uncapped = AllocationRules.Default with { MaxSharePerMember = 1m, ConcentrationWeight = 0m };

    private static Offer Member(string id, decimal price, long volume = 100, bool micro = false, bool local = false, int awards = 0, string lot = "1") =>
        new(id, "Member " + id.ToUpperInvariant(), lot, volume, price, 0.5m, 0.5m, micro, local, awards);

    private static AllocationResult Solve(AllocationRules rules, params Offer[] offers) =>
        new AllocationSolver(rules).Solve(new AllocationProblem([Ayrshire], offers));

    [Test]
    public void Cap_limits_the_cheapest_member_and_says_so()
    {
        var result = Solve(AllocationRules.Default, Member("a", 10m), Member("b", 15m), Member("c", 18m));
        var lot = result.Lot("1");
        Assert.That(lot.Shares.Select(s => s.Volume), Is.All.LessThanOrEqualTo(40));
        Assert.That(result.ShareOf("a", "1")!.Volume, Is.EqualTo(40));
        Assert.That(result.ShareOf("a", "1")!.PercentOfLot, Is.EqualTo(40m));
        Assert.That(result.ShareOf("a", "1")!.Value, Is.EqualTo(400m));
        Assert.That(result.ShareOf("a", "1")!.Explanation, Does.Contain("capped at 40% of Ayrshire by the consortium rule").And.Contain("cheapest offer for Ayrshire"));
        Assert.That(lot.Uncovered, Is.Zero);
    }

    [Test]
    public void Micro_member_who_declared_gets_its_floor_even_when_dearest()
    {
        var result = Solve(Uncapped, Member("a", 10m), Member("m", 19m, micro: true));
        Assert.That(result.ShareOf("m", "1")!.Volume, Is.EqualTo(10));
        Assert.That(result.ShareOf("m", "1")!.Explanation, Does.Contain("micro-member floor of 10%"));
        Assert.That(result.ShareOf("a", "1")!.Volume, Is.EqualTo(90));
        Assert.That(result.Objective.FloorShortfallUnits, Is.Zero);
    }

    [Test]
    public void Micro_floor_never_exceeds_what_the_member_declared()
    {
        var rules = Uncapped with { MicroMinShare = 0.3m };
        var result = Solve(rules, Member("a", 10m), Member("m", 19m, volume: 12, micro: true));
        Assert.That(result.ShareOf("m", "1")!.Volume, Is.EqualTo(12));
        Assert.That(result.Objective.FloorShortfallUnits, Is.Zero);
    }

    [Test]
    public void Locality_prefers_the_local_member_at_equal_price()
    {
        var result = Solve(Uncapped, Member("a", 15m), Member("b", 15m, local: true));
        Assert.That(result.ShareOf("b", "1")!.Volume, Is.EqualTo(100));
        Assert.That(result.ShareOf("b", "1")!.Explanation, Does.Contain("based locally"));
        Assert.That(result.Lot("1").Objective.Locality, Is.Zero);
    }

    [Test]
    public void Rotation_lifts_the_member_with_fewer_recent_awards()
    {
        var result = Solve(Uncapped, Member("a", 15m, awards: 4), Member("b", 15m, awards: 0));
        Assert.That(result.ShareOf("b", "1")!.Volume, Is.EqualTo(100));
        Assert.That(result.ShareOf("a", "1")!.Explanation, Does.Contain("nothing"));
    }

    [Test]
    public void Weights_decide_between_price_and_quality()
    {
        var cheap = new Offer("a", "Cheap", "1", 100, 10m, Quality: 0.2m);
        var good = new Offer("b", "Good", "1", 100, 14m, Quality: 0.9m);
        var byPrice = Uncapped with { PriceWeight = 1m, QualityWeight = 0.1m };
        var byQuality = byPrice with { PriceWeight = 0.1m, QualityWeight = 1m };
        Assert.That(Solve(byPrice, cheap, good).ShareOf("a", "1")!.Volume, Is.EqualTo(100));
        Assert.That(Solve(byQuality, cheap, good).ShareOf("b", "1")!.Volume, Is.EqualTo(100));
    }

    [Test]
    public void Concentration_cost_spreads_work_that_price_alone_would_concentrate()
    {
        var flat = Uncapped;
        var fair = flat with { ConcentrationWeight = 0.5m };
        Assert.That(Solve(flat, Member("a", 15m), Member("b", 15.2m)).ShareOf("a", "1")!.Volume, Is.EqualTo(100));
        var spread = Solve(fair, Member("a", 15m), Member("b", 15.2m));
        Assert.That(spread.ShareOf("a", "1")!.Volume, Is.InRange(50, 70));
        Assert.That(spread.ShareOf("b", "1")!.Volume, Is.InRange(30, 50));
        Assert.That(spread.Lot("1").Objective.Concentration, Is.Positive);
    }

    [Test]
    public void Overall_capacity_holds_across_lots()
    {
        var lot2 = new AllocationLot("2", "Fife", 100);
        var problem = new AllocationProblem([Ayrshire, lot2],
            [Member("a", 10m), Member("a", 10m, lot: "2"), Member("b", 18m), Member("b", 18m, lot: "2"), Member("c", 19m), Member("c", 19m, lot: "2")],
            [new MemberCapacity("a", 50)]);
        var result = new AllocationSolver().Solve(problem);
        Assert.That(result.ShareOf("a", "1")!.Volume + result.ShareOf("a", "2")!.Volume, Is.EqualTo(50));
        Assert.That(new AllocationObjective(problem, AllocationRules.Default).Violations(result.Volumes()), Is.Empty);
    }

    [Test]
    public void Uncovered_demand_is_a_gap_per_lot_not_an_error()
    {
        var empty = new AllocationLot("2", "Orkney", 30);
        var result = new AllocationSolver().Solve(new AllocationProblem([Ayrshire, empty], [Member("a", 10m, volume: 25), Member("b", 12m, volume: 35)]));
        Assert.That(result.Lot("1").Uncovered, Is.EqualTo(40));
        Assert.That(result.Lot("1").Covered, Is.EqualTo(60));
        Assert.That(result.Lot("2").Uncovered, Is.EqualTo(30));
        Assert.That(result.Objective.UncoveredUnits, Is.EqualTo(70));
        Assert.That(result.Objective.Uncovered, Is.EqualTo(70 * result.UncoveredPenaltyPerUnit));
        Assert.That(result.ShareOf("a", "1")!.Explanation, Does.Contain("all it declared"));
    }

    [Test]
    public void Override_pins_a_share_with_its_reason_and_the_rest_is_reoptimised()
    {
        var problem = new AllocationProblem([Ayrshire], [Member("a", 10m), Member("b", 15m), Member("c", 18m)]);
        var pin = new ShareOverride("c", "1", 70, "only member with the Care Inspectorate grade the buyer asks for");
        var result = new AllocationSolver().Solve(problem, [pin]);
        Assert.That(result.ShareOf("c", "1")!.Volume, Is.EqualTo(70));
        Assert.That(result.ShareOf("c", "1")!.OverrideReason, Is.EqualTo(pin.Reason));
        Assert.That(result.ShareOf("c", "1")!.Explanation, Does.Contain("set by the lead: only member with the Care Inspectorate grade"));
        Assert.That(result.ShareOf("a", "1")!.Volume, Is.EqualTo(30));
        Assert.That(result.ShareOf("b", "1")!.Volume, Is.Zero);
        Assert.That(result.Overrides, Is.EqualTo(new[] { pin }));
        Assert.That(new AllocationObjective(problem, AllocationRules.Default).Violations(result.Volumes(), [pin]), Is.Empty);
    }

    [Test]
    public void Overrides_need_a_reason_and_must_fit_the_declaration()
    {
        var problem = new AllocationProblem([Ayrshire], [Member("a", 10m, volume: 50)]);
        var error = Assert.Throws<ProblemException>(() => new AllocationSolver().Solve(problem,
            [new ShareOverride("a", "1", 60, " "), new ShareOverride("z", "1", 1, "x")]))!;
        Assert.That(error.Problems, Has.Count.EqualTo(3));
        Assert.That(error.Message, Does.Contain("recorded reason").And.Contain("declared").And.Contain("no offer"));
    }

    [Test]
    public void Withdrawal_removes_the_member_and_reports_the_new_gap()
    {
        var problem = new AllocationProblem([Ayrshire], [Member("a", 10m), Member("b", 15m), Member("c", 18m, volume: 20)]);
        var before = new AllocationSolver().Solve(problem);
        Assert.That(before.Lot("1").Uncovered, Is.Zero);
        var after = new AllocationSolver().SolveAfterWithdrawal(problem, "b", [new ShareOverride("b", "1", 30, "kept for b")]);
        Assert.That(after.WithdrawnMemberIds, Is.EqualTo(new[] { "b" }));
        Assert.That(after.Overrides, Is.Empty);
        Assert.That(after.ShareOf("b", "1"), Is.Null);
        Assert.That(after.ShareOf("a", "1")!.Volume, Is.EqualTo(40));
        Assert.That(after.ShareOf("c", "1")!.Volume, Is.EqualTo(20));
        Assert.That(after.Lot("1").Uncovered, Is.EqualTo(40));
    }

    [Test]
    public void The_same_problem_in_another_order_gives_the_same_shares()
    {
        var offers = Enumerable.Range(0, 12).Select(i => Member("m" + i, 15m, volume: 30, micro: i % 3 == 0)).ToList();
        var forward = Solve(AllocationRules.Default, [.. offers]);
        var backward = Solve(AllocationRules.Default, [.. Enumerable.Reverse(offers)]);
        Assert.That(backward.Volumes(), Is.EquivalentTo(forward.Volumes()));
        Assert.That(forward.Lot("1").Shares.Sum(s => s.Volume), Is.EqualTo(100));
    }

    [Test]
    public void Every_member_who_declared_gets_one_sentence()
    {
        var result = Solve(AllocationRules.Default, Member("a", 10m), Member("b", 15m, micro: true), Member("c", 18m, volume: 5));
        Assert.That(result.Lot("1").Shares, Has.Count.EqualTo(3));
        Assert.That(result.Lot("1").Shares.Select(s => s.Explanation), Has.All.StartWith("Member ").And.All.EndWith("."));
    }
}
