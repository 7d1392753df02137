using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

public sealed class WaitUntilActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.WaitUntil,
        Description = "Waits until an instant (with offset) on a durable timer; an instant already past continues at once.",
        Properties = [new PropertyDescriptor("at", ValueKind.DateTime, true, "ISO 8601 instant with offset, or a reference.")],
        Waits = true,
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var at = context.Get<DateTimeOffset>("at", ValueKind.DateTime);
        if (at <= context.Now) return ValueTask.FromResult(ActivityResult.Done);
        context.CreateTimer(at, "until");
        return ValueTask.FromResult(ActivityResult.Suspend);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input) => ValueTask.FromResult(ActivityResult.Done);
}
