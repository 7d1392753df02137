using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

/// <summary>
/// Waits for branches to arrive: all of its incoming connections, any one, or a count. Arrivals are counted per
/// incoming connection, so a branch arriving twice counts once; after it proceeds the join resets for loops.
/// </summary>
public sealed class JoinActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.Join,
        Description = "Continues when all, any or a number of incoming branches have arrived.",
        Properties =
        [
            new PropertyDescriptor("mode", ValueKind.String, false, "all | any | count", JsonValue.Create("all"), ["all", "any", "count"], AllowsReference: false),
            new PropertyDescriptor("count", ValueKind.Integer, false, "Arrivals needed when mode is count.", AllowsReference: false),
        ],
    };

    public IEnumerable<(string Path, string Message)> Validate(ActivityNode node)
    {
        var mode = node.Properties["mode"]?.ToString() ?? "all";
        if (mode == "count")
        {
            if (!ValueConversion.TryConvert(node.Properties["count"], ValueKind.Integer, out var c))
                yield return (".properties.count", "required when mode is count: expected a whole number of at least 1");
            else if ((long)c! < 1)
                yield return (".properties.count", "expected a whole number of at least 1");
        }
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var state = context.ActivityState;
        var arrived = state["arrived"] as JsonArray ?? new JsonArray();
        state["arrived"] = arrived;
        var via = context.Via ?? "";
        if (arrived.All(a => a?.GetValue<string>() != via)) arrived.Add(via);

        var incoming = context.Definition.Incoming(context.Node.Id).Count();
        var mode = context.Resolve("mode")?.ToString() ?? "all";
        var needed = mode switch
        {
            "any" => 1,
            "count" => (int)context.Get<long>("count", ValueKind.Integer),
            _ => incoming,
        };

        if (state["fired"]?.GetValue<bool>() == true)
        {
            // A late branch after an any/count join proceeded: absorbed; reset once every branch has come.
            if (arrived.Count >= incoming) state.Clear();
            return ValueTask.FromResult(ActivityResult.Complete());
        }

        if (arrived.Count < needed) return ValueTask.FromResult(ActivityResult.Complete());

        if (arrived.Count >= incoming) state.Clear();
        else state["fired"] = true;
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
