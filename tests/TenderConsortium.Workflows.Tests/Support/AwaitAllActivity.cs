using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Tests.Support;

/// <summary>Waits on N bookmarks ("item"/0…N-1) at once and completes when every one was signalled, like a round of declarations.</summary>
public sealed class AwaitAllActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "AwaitAll",
        Description = "Test activity: N bookmarks at once.",
        Properties = [new PropertyDescriptor("count", ValueKind.Integer, true, "How many bookmarks.")],
        Waits = true,
        Bookmarks = _ => [new BookmarkDeclaration("item", null, PayloadSchema.Any)],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var count = context.Get<long>("count", ValueKind.Integer);
        for (var i = 0; i < count; i++) context.CreateBookmark("item", i.ToString());
        context.ActivityState["received"] = 0;
        return ValueTask.FromResult(ActivityResult.Suspend);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var received = context.ActivityState["received"]!.GetValue<int>() + 1;
        context.ActivityState["received"] = received;
        var count = context.Get<long>("count", ValueKind.Integer);
        if (received < count) return ValueTask.FromResult(ActivityResult.Suspend);
        context.ActivityState.Remove("received");
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
