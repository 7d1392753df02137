using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Tests.Allocation;

public sealed class MinCostFlowTests
{
    [Test]
    public void Routes_supply_along_the_cheapest_paths_first()
    {
        // 0 → 1 → 3 costs 2 per unit (capacity 3); 0 → 2 → 3 costs 5; 4 units go 3 + 1.
        var graph = new MinCostFlow(4);
        graph.AddSupply(0, 4);
        graph.AddSupply(3, -4);
        var a = graph.AddEdge(0, 1, 3, 1);
        graph.AddEdge(1, 3, 10, 1);
        var b = graph.AddEdge(0, 2, 10, 2);
        graph.AddEdge(2, 3, 10, 3);
        Assert.That(graph.Solve(out var cost), Is.True);
        Assert.That((graph.Flow(a), graph.Flow(b), cost), Is.EqualTo((3L, 1L, 11L)));
    }

    [Test]
    public void Convex_edges_fill_their_cheap_segments_and_split_against_a_flat_edge()
    {
        // Segments cost 1, 4, 9 per unit (2 units each) against a flat edge at 5: take 4 convex units, then flat.
        var graph = new MinCostFlow(2);
        graph.AddSupply(0, 7);
        graph.AddSupply(1, -7);
        var convex = graph.AddConvexEdge(0, 1, [(2, 1), (2, 4), (2, 9)]);
        var flat = graph.AddEdge(0, 1, 100, 5);
        Assert.That(graph.Solve(out var cost), Is.True);
        Assert.That((graph.Flow(convex), graph.Flow(flat), cost), Is.EqualTo((4L, 3L, 2 + 8 + 15L)));
    }

    [Test]
    public void Negative_costs_without_cycles_are_fine_and_decreasing_segments_are_refused()
    {
        var graph = new MinCostFlow(3);
        graph.AddSupply(0, 2);
        graph.AddSupply(2, -2);
        graph.AddConvexEdge(0, 1, [(1, -50), (5, 1)]);
        graph.AddEdge(1, 2, 5, 0);
        graph.AddEdge(0, 2, 5, 0);
        Assert.That(graph.Solve(out var cost), Is.True);
        Assert.That(cost, Is.EqualTo(-50));
        Assert.Throws<ArgumentException>(() => graph.AddConvexEdge(0, 1, [(1, 5), (1, 4)]));
    }

    [Test]
    public void Unroutable_supply_is_reported_not_thrown()
    {
        var graph = new MinCostFlow(2);
        graph.AddSupply(0, 5);
        graph.AddSupply(1, -5);
        var edge = graph.AddEdge(0, 1, 3, 1);
        Assert.That(graph.Solve(out _), Is.False);
        Assert.That(graph.Flow(edge), Is.EqualTo(3));
    }
}
