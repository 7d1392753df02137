using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Tests.Support;

/// <summary>Fails while <see cref="FailuresLeft"/> is above zero: stands for an activity whose remote service is down.</summary>
public sealed class FlakyActivity : IActivity
{
    public static int FailuresLeft;

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Flaky",
        Description = "Test activity that fails on demand.",
        Properties = [new PropertyDescriptor("label", ValueKind.String, false, "Anything.")],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        // Effects recorded before the failure must vanish with it.
        context.SendEmail("flaky", ["someone@example.org"], "should not be sent while failing", "x");
        if (Interlocked.Decrement(ref FailuresLeft) >= 0) throw new InvalidOperationException("remote service unavailable");
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
