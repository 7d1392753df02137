namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Exact minimum-cost flow with integer capacities and costs, by successive shortest paths with node potentials
/// (Dijkstra on reduced costs). Knows nothing of lots or members.
/// <para>
/// An edge may carry a <b>convex piecewise-linear cost</b>: a list of segments (capacity, cost per unit) whose costs
/// never decrease. That is the same as parallel edges, one per segment, but the residual graph only ever exposes the
/// next unit forward and the last unit back, so a 10-segment edge costs one relaxation, not ten. Paths are augmented
/// by their bottleneck up to the next breakpoint, never unit by unit, so the work grows with breakpoints, not volume.
/// </para>
/// <para>
/// Negative costs are allowed when the graph has no negative cycle (checked once by Bellman-Ford for the first
/// potentials). Work is deterministic: same graph, same order of calls, same flows.
/// </para>
/// </summary>
public sealed class MinCostFlow
{
    private const long Infinity = long.MaxValue / 4;

    private readonly List<int> _from = [];
    private readonly List<int> _to = [];
    private readonly List<int> _segmentStart = [];
    private readonly List<int> _segmentCount = [];
    private readonly List<long> _segmentCapacity = [];
    private readonly List<long> _segmentCost = [];
    private readonly long[] _supply;
    private long[] _flow = [];
    private int[] _segment = [];       // index of the segment holding the next unit forward (== count when full)
    private long[] _usedInSegment = []; // units already in that segment

    /// <param name="nodeCount">Nodes are 0..nodeCount-1.</param>
    public MinCostFlow(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _supply = new long[nodeCount];
    }

    public int NodeCount => _supply.Length;

    public int EdgeCount => _from.Count;

    /// <summary>Units that must leave <paramref name="node"/> (positive) or arrive there (negative). Supplies must sum to zero.</summary>
    public void AddSupply(int node, long amount) => _supply[node] += amount;

    /// <summary>An edge with one cost per unit. Returns the edge id.</summary>
    public int AddEdge(int from, int to, long capacity, long costPerUnit) =>
        AddConvexEdge(from, to, [(capacity, costPerUnit)]);

    /// <summary>An edge whose cost per unit rises (never falls) segment by segment. Zero-capacity segments are skipped.</summary>
    public int AddConvexEdge(int from, int to, ReadOnlySpan<(long Capacity, long CostPerUnit)> segments)
    {
        if ((uint)from >= (uint)NodeCount || (uint)to >= (uint)NodeCount)
            throw new ArgumentOutOfRangeException(nameof(from), "edge end is not a node");
        var start = _segmentCapacity.Count;
        long? previous = null;
        foreach (var (capacity, cost) in segments)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(capacity);
            if (capacity == 0)
                continue;
            if (previous > cost)
                throw new ArgumentException("segment costs must not decrease (the cost must be convex)", nameof(segments));
            previous = cost;
            _segmentCapacity.Add(capacity);
            _segmentCost.Add(cost);
        }
        _from.Add(from);
        _to.Add(to);
        _segmentStart.Add(start);
        _segmentCount.Add(_segmentCapacity.Count - start);
        return _from.Count - 1;
    }

    /// <summary>Units on an edge after <see cref="Solve"/>.</summary>
    public long Flow(int edge) => _flow[edge];

    /// <summary>
    /// Routes every supply to the demands at least total cost. Returns false when some supply cannot be routed
    /// (the flows then hold a minimum-cost flow of the amount that could be routed first, in node order).
    /// </summary>
    public bool Solve(out long totalCost)
    {
        var edges = _from.Count;
        _flow = new long[edges];
        _segment = new int[edges];
        _usedInSegment = new long[edges];
        var excess = (long[])_supply.Clone();
        if (excess.Sum() != 0)
            throw new InvalidOperationException("supplies do not sum to zero");

        var adjacency = BuildAdjacency();
        var potential = InitialPotentials(adjacency);
        var distance = new long[NodeCount];
        var settled = new bool[NodeCount];
        var parentArc = new int[NodeCount];
        var queue = new PriorityQueue<int, long>();
        var routedAll = true;

        for (var start = 0; start < NodeCount; start++)
        {
            while (excess[start] > 0)
            {
                var end = ShortestPath(start, adjacency, potential, excess, distance, settled, parentArc, queue);
                if (end < 0)
                {
                    routedAll = false;
                    break;
                }
                Augment(start, end, excess, parentArc);
            }
        }

        totalCost = 0;
        for (var e = 0; e < edges; e++)
            totalCost = checked(totalCost + CostOf(e, _flow[e]));
        return routedAll;
    }

    /// <summary>The cost of carrying <paramref name="units"/> on an edge (segments fill cheapest first).</summary>
    public long CostOf(int edge, long units)
    {
        long cost = 0;
        var first = _segmentStart[edge];
        for (var s = first; s < first + _segmentCount[edge] && units > 0; s++)
        {
            var take = Math.Min(units, _segmentCapacity[s]);
            cost = checked(cost + take * _segmentCost[s]);
            units -= take;
        }
        if (units > 0)
            throw new ArgumentOutOfRangeException(nameof(units), "more units than the edge's capacity");
        return cost;
    }

    // Arc a: a >= 0 is edge a forward; a < 0 is edge ~a backward. Adjacency holds arcs by tail node.
    private int[][] BuildAdjacency()
    {
        var degree = new int[NodeCount];
        for (var e = 0; e < _from.Count; e++)
        {
            degree[_from[e]]++;
            degree[_to[e]]++;
        }
        var adjacency = new int[NodeCount][];
        for (var v = 0; v < NodeCount; v++)
            adjacency[v] = new int[degree[v]];
        Array.Clear(degree);
        for (var e = 0; e < _from.Count; e++)
        {
            adjacency[_from[e]][degree[_from[e]]++] = e;
            adjacency[_to[e]][degree[_to[e]]++] = ~e;
        }
        return adjacency;
    }

    private int Head(int arc) => arc >= 0 ? _to[arc] : _from[~arc];

    /// <summary>Residual capacity up to the next breakpoint, and the cost per unit there; capacity 0 when none.</summary>
    private (long Capacity, long Cost) Residual(int arc)
    {
        if (arc >= 0)
        {
            var segment = _segment[arc];
            if (segment >= _segmentCount[arc])
                return (0, 0);
            var s = _segmentStart[arc] + segment;
            return (_segmentCapacity[s] - _usedInSegment[arc], _segmentCost[s]);
        }
        var e = ~arc;
        if (_flow[e] == 0)
            return (0, 0);
        // The last unit in: in the current segment if it holds any, else the full one before it.
        var current = _segment[e];
        if (_usedInSegment[e] > 0)
            return (_usedInSegment[e], -_segmentCost[_segmentStart[e] + current]);
        var previous = _segmentStart[e] + current - 1;
        return (_segmentCapacity[previous], -_segmentCost[previous]);
    }

    private void Push(int arc, long units)
    {
        var e = arc >= 0 ? arc : ~arc;
        var first = _segmentStart[e];
        if (arc >= 0)
        {
            _flow[e] += units;
            _usedInSegment[e] += units;
            if (_usedInSegment[e] == _segmentCapacity[first + _segment[e]])
            {
                _segment[e]++;
                _usedInSegment[e] = 0;
            }
            return;
        }
        _flow[e] -= units;
        if (_usedInSegment[e] == 0)
        {
            _segment[e]--;
            _usedInSegment[e] = _segmentCapacity[first + _segment[e]];
        }
        _usedInSegment[e] -= units;
    }

    private long[] InitialPotentials(int[][] adjacency)
    {
        // Bellman-Ford (queue-based) from a virtual node joined to all at cost 0: reduced costs start non-negative.
        var potential = new long[NodeCount];
        var inQueue = new bool[NodeCount];
        var pathEdges = new int[NodeCount];
        var queue = new Queue<int>();
        for (var v = 0; v < NodeCount; v++)
        {
            queue.Enqueue(v);
            inQueue[v] = true;
        }
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            inQueue[u] = false;
            foreach (var arc in adjacency[u])
            {
                if (arc < 0)
                    continue;
                var (capacity, cost) = Residual(arc);
                if (capacity == 0)
                    continue;
                var v = _to[arc];
                if (potential[u] + cost < potential[v])
                {
                    potential[v] = potential[u] + cost;
                    pathEdges[v] = pathEdges[u] + 1;
                    if (pathEdges[v] > NodeCount)
                        throw new InvalidOperationException("the graph has a negative-cost cycle");
                    if (!inQueue[v])
                    {
                        queue.Enqueue(v);
                        inQueue[v] = true;
                    }
                }
            }
        }
        return potential;
    }

    /// <summary>
    /// Dijkstra on reduced costs from <paramref name="start"/> until the nearest node with a deficit is settled.
    /// Stopping early is exact: settled nodes move by their distance, the rest by the end's distance, which keeps
    /// every residual reduced cost non-negative.
    /// </summary>
    private int ShortestPath(int start, int[][] adjacency, long[] potential, long[] excess, long[] distance, bool[] settled,
        int[] parentArc, PriorityQueue<int, long> queue)
    {
        Array.Fill(distance, Infinity);
        Array.Clear(settled);
        queue.Clear();
        distance[start] = 0;
        parentArc[start] = int.MinValue;
        queue.Enqueue(start, 0);
        var end = -1;
        while (queue.TryDequeue(out var u, out var d))
        {
            if (settled[u] || d > distance[u])
                continue;
            settled[u] = true;
            if (excess[u] < 0)
            {
                end = u;
                break;
            }
            foreach (var arc in adjacency[u])
            {
                var (capacity, cost) = Residual(arc);
                if (capacity == 0)
                    continue;
                var v = Head(arc);
                if (settled[v])
                    continue;
                var candidate = d + cost + potential[u] - potential[v];
                if (candidate < distance[v])
                {
                    distance[v] = candidate;
                    parentArc[v] = arc;
                    queue.Enqueue(v, candidate);
                }
            }
        }
        if (end < 0)
            return -1;
        var reach = distance[end];
        for (var v = 0; v < NodeCount; v++)
            potential[v] += settled[v] ? distance[v] : reach;
        return end;
    }

    private void Augment(int start, int end, long[] excess, int[] parentArc)
    {
        var units = Math.Min(excess[start], -excess[end]);
        for (var v = end; v != start;)
        {
            var arc = parentArc[v];
            units = Math.Min(units, Residual(arc).Capacity);
            v = arc >= 0 ? _from[arc] : _to[~arc];
        }
        for (var v = end; v != start;)
        {
            var arc = parentArc[v];
            Push(arc, units);
            v = arc >= 0 ? _from[arc] : _to[~arc];
        }
        excess[start] -= units;
        excess[end] += units;
    }
}
