using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

/// <summary>Finishes the whole instance, cancelling whatever else still waits (a branch simply ends where it has no connection).</summary>
public sealed class EndActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.End,
        Description = "Finishes the instance; anything still waiting is cancelled.",
        Outcomes = [],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Finish);
}
