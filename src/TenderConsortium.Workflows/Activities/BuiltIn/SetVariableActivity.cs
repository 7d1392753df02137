using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

public sealed class SetVariableActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.SetVariable,
        Description = "Sets a variable to a literal or to another value (\"=settings.x\").",
        Properties =
        [
            new PropertyDescriptor("name", ValueKind.String, true, "Variable path, e.g. \"approval.decision\".", AllowsReference: false),
            new PropertyDescriptor("value", ValueKind.Object, false, "Any JSON value, or a reference."),
        ],
    };

    public IEnumerable<(string Path, string Message)> Validate(ActivityNode node) => [];

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.SetVariable(context.Get<string>("name", ValueKind.String), context.Resolve("value")?.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
