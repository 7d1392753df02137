using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

public sealed class DelayActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.Delay,
        Description = "Waits for a duration on a durable timer.",
        Properties = [new PropertyDescriptor("duration", ValueKind.Duration, true, "ISO 8601 duration, e.g. \"P3D\".")],
        Waits = true,
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var duration = context.Get<TimeSpan>("duration", ValueKind.Duration);
        context.CreateTimer(context.Now + duration, "delay");
        return ValueTask.FromResult(ActivityResult.Suspend);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input) => ValueTask.FromResult(ActivityResult.Done);
}
