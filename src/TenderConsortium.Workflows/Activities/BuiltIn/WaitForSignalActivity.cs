using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

/// <summary>
/// A human task: suspends on a bookmark (name, key) until someone resumes it with a payload that fits the declared
/// fields. With a timeout it also leaves by "timedOut" when the timer fires first.
/// </summary>
public sealed class WaitForSignalActivity : IActivity
{
    public const string TimedOut = "timedOut";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.WaitForSignal,
        Description = "Waits for a signal on a bookmark (a human decision, a member's answer).",
        Properties =
        [
            new PropertyDescriptor("bookmark", ValueKind.String, true, "Bookmark name, e.g. \"approval\".", AllowsReference: false),
            new PropertyDescriptor("key", ValueKind.String, false, "Bookmark key, e.g. a member id; may be a reference.", JsonValue.Create("")),
            new PropertyDescriptor("payload", ValueKind.Object, false, "Fields the payload must carry.", AllowsReference: false),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable path that receives the payload.", AllowsReference: false),
            new PropertyDescriptor("timeout", ValueKind.Duration, false, "Leave by 'timedOut' after this long."),
        ],
        DynamicOutcomes = node => node.Properties["timeout"] is null ? ["done"] : ["done", TimedOut],
        Waits = true,
        Bookmarks = node =>
        [
            new BookmarkDeclaration(
                node.Properties["bookmark"]?.GetValue<string>() ?? "",
                LiteralKey(node),
                PayloadSchema.Parse(node.Properties["payload"], [])),
        ],
    };

    public IEnumerable<(string Path, string Message)> Validate(ActivityNode node)
    {
        var problems = new List<(string Path, string Message)>();
        PayloadSchema.Parse(node.Properties["payload"], problems);
        return problems.Select(p => (".properties.payload" + p.Path, p.Message));
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.Get<string>("bookmark", ValueKind.String);
        var key = context.Resolve("key")?.ToString() ?? "";
        context.CreateBookmark(name, key);
        if (context.GetOptional<TimeSpan?>("timeout", ValueKind.Duration) is { } timeout)
            context.CreateTimer(context.Now + timeout, TimedOut);
        return ValueTask.FromResult(ActivityResult.Suspend);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        if (input.Kind == ResumeKind.Timer) return ValueTask.FromResult(ActivityResult.Complete(TimedOut));
        if (context.Property("output") is JsonValue o && o.TryGetValue<string>(out var output))
            context.SetVariable(output, input.Payload?.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static string? LiteralKey(ActivityNode node)
    {
        var key = node.Properties["key"];
        if (key is null) return "";
        return ValueConversion.IsReference(key, out _) ? null : key.ToString();
    }
}
