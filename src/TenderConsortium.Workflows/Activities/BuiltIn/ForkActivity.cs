using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

public sealed class ForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.Fork,
        Description = "Starts several branches at once; each branch name is an outcome.",
        Properties = [new PropertyDescriptor("branches", ValueKind.StringList, true, "Names of the branches (outcomes).", AllowsReference: false)],
        DynamicOutcomes = Branches,
    };

    public IEnumerable<(string Path, string Message)> Validate(ActivityNode node)
    {
        var branches = Branches(node);
        if (node.Properties["branches"] is not null && branches.Count == 0)
            yield return (".properties.branches", "expected at least one branch name");
        foreach (var duplicate in branches.GroupBy(b => b).Where(g => g.Count() > 1))
            yield return (".properties.branches", $"branch '{duplicate.Key}' is named twice");
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Complete([.. Branches(context.Node)]));

    private static IReadOnlyList<string> Branches(ActivityNode node) =>
        ValueConversion.TryConvert(node.Properties["branches"], ValueKind.StringList, out var v) && v is List<string> list ? list : [];
}
