namespace TenderConsortium.Workflows.Definitions;

/// <summary>
/// Checks of the activity graph as a whole: one Start, connections that join real activities by real outcomes,
/// every activity reachable, and no loop that could spin without ever suspending the instance.
/// </summary>
internal sealed class GraphChecks
{
    private readonly IReadOnlyList<ParsedActivity> _activities;
    private readonly Dictionary<string, ParsedActivity> _byId;
    private readonly Dictionary<string, List<string>> _next = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Message)> _problems;

    private GraphChecks(IReadOnlyList<ParsedActivity> activities, List<(string Path, string Message)> problems)
    {
        _activities = activities;
        _byId = activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _problems = problems;
        foreach (var activity in activities) _next[activity.Id] = [];
    }

    /// <param name="waitingTypes">How to name the activity types that wait, for the cycle message.</param>
    public static void Check(
        IReadOnlyList<ParsedActivity> activities, IReadOnlyList<ParsedConnection> connections, string waitingTypes,
        List<(string Path, string Message)> problems)
    {
        var graph = new GraphChecks(activities, problems);
        var start = graph.CheckStart();
        graph.CheckConnections(connections);
        if (start is not null) graph.CheckReachable(start);
        graph.CheckCycles(waitingTypes);
    }

    private ParsedActivity? CheckStart()
    {
        var starts = _activities.Where(a => a.Node.Type == BuiltInActivityTypes.Start).ToList();
        if (starts.Count == 0)
            _problems.Add(("$.activities", "expected exactly one Start activity, found none"));
        foreach (var extra in starts.Skip(1))
            _problems.Add(($"{extra.Path}.type", $"expected exactly one Start activity; '{starts[0].Id}' at {starts[0].Path} is already one"));
        return starts.Count == 1 ? starts[0] : null;
    }

    private void CheckConnections(IReadOnlyList<ParsedConnection> connections)
    {
        var seen = new Dictionary<(string, string, string), string>();
        foreach (var c in connections)
        {
            var from = Resolve(c.From, $"{c.Path}.from");
            var to = Resolve(c.To, $"{c.Path}.to");
            if (to?.Node.Type == BuiltInActivityTypes.Start)
                _problems.Add(($"{c.Path}.to", "the Start activity cannot be the target of a connection; it runs once, when an instance begins"));

            if (from is not null && c.Outcome is not null && from.Outcomes is { } outcomes)
            {
                if (outcomes.Count == 0)
                    _problems.Add(($"{c.Path}.from", $"'{from.Id}' ({from.Node.Type}) has no outcomes: it finishes the instance, so no connection may leave it"));
                else if (!outcomes.Contains(c.Outcome))
                    _problems.Add(($"{c.Path}.outcome",
                        $"'{c.Outcome}' is not an outcome of '{from.Id}' ({from.Node.Type}); expected one of {string.Join(", ", outcomes)}"));
            }

            if (from is null || to is null || c.Outcome is null) continue;
            if (!seen.TryAdd((from.Id, c.Outcome, to.Id), c.Path))
            {
                _problems.Add((c.Path, $"duplicate connection {from.Id}:{c.Outcome}->{to.Id}; the same connection is at {seen[(from.Id, c.Outcome, to.Id)]}"));
                continue;
            }

            _next[from.Id].Add(to.Id);
        }
    }

    private ParsedActivity? Resolve(string? id, string path)
    {
        if (id is null) return null;
        if (_byId.TryGetValue(id, out var activity)) return activity;
        const int shown = 20;
        var ids = string.Join(", ", _activities.Take(shown).Select(a => a.Id)) + (_activities.Count > shown ? ", …" : "");
        _problems.Add((path, $"unknown activity '{id}'; expected one of the activity ids: {ids}"));
        return null;
    }

    private void CheckReachable(ParsedActivity start)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in _next[id])
            {
                if (reached.Add(next)) queue.Enqueue(next);
            }
        }

        foreach (var activity in _activities.Where(a => !reached.Contains(a.Id)))
            _problems.Add((activity.Path, $"activity '{activity.Id}' is unreachable: no path of connections leads to it from '{start.Id}'"));
    }

    /// <summary>
    /// A loop whose activities all run straight through would never suspend, so the instance would spin forever in
    /// one burst. Removing the waiting activities and looking for strongly connected components finds exactly those
    /// loops, including one that shares activities with a loop that does wait.
    /// </summary>
    private void CheckCycles(string waitingTypes)
    {
        var running = _activities.Where(a => !a.Waits).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var component in StronglyConnected(running))
        {
            var first = component.OrderBy(id => _byId[id].Index).First();
            var cycle = ShortestCycle(first, component);
            if (cycle is null) continue;
            _problems.Add((_byId[first].Path,
                $"cycle without a waiting activity: {string.Join(" -> ", cycle)}; every loop must pass through an activity that waits ({waitingTypes})"));
        }
    }

    /// <summary>Tarjan's algorithm over the activities in <paramref name="nodes"/> and the connections between them.</summary>
    private List<HashSet<string>> StronglyConnected(HashSet<string> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<HashSet<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _next[v].Where(nodes.Contains))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] != index[v]) return;
            var component = new HashSet<string>(StringComparer.Ordinal);
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            } while (popped != v);

            components.Add(component);
        }

        foreach (var activity in _activities.Where(a => nodes.Contains(a.Id) && !index.ContainsKey(a.Id))) Visit(activity.Id);
        return components;
    }

    /// <summary>The shortest loop from <paramref name="first"/> back to itself inside a component, or null when there is none.</summary>
    private List<string>? ShortestCycle(string first, HashSet<string> component)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([first]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in _next[id].Where(component.Contains))
            {
                if (next == first)
                {
                    var cycle = new List<string> { first };
                    for (var at = id; at != first; at = cameFrom[at]) cycle.Insert(1, at);
                    cycle.Add(first);
                    return cycle;
                }

                if (cameFrom.TryAdd(next, id)) queue.Enqueue(next);
            }
        }

        return null;
    }
}
