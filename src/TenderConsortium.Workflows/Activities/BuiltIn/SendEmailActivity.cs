using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

/// <summary>
/// Queues an email through the transactional outbox: nothing is sent unless the burst commits, and the
/// dispatcher delivers it afterwards. Subject and bodies take "{{variables.x}}" placeholders.
/// </summary>
public sealed class SendEmailActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.SendEmail,
        Description = "Sends an email (through the outbox) to one or more recipients.",
        Properties =
        [
            new PropertyDescriptor("to", ValueKind.StringList, true, "Recipients; items may be \"{{variables.x}}\" placeholders."),
            new PropertyDescriptor("subject", ValueKind.String, true, "Subject, with placeholders."),
            new PropertyDescriptor("body", ValueKind.String, true, "Plain-text body, with placeholders."),
            new PropertyDescriptor("html", ValueKind.String, false, "Optional HTML body."),
            new PropertyDescriptor("event", ValueKind.String, false, "Event name for the Message-ID; default the activity id.", AllowsReference: false),
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var recipients = Recipients(context.Resolve("to")).Select(context.Render).ToList();
        var subject = context.Render(context.Get<string>("subject", ValueKind.String));
        var body = context.Render(context.Get<string>("body", ValueKind.String));
        var html = context.GetOptional<string>("html", ValueKind.String) is { } h ? context.Render(h) : null;
        var eventName = context.GetOptional<string>("event", ValueKind.String) ?? context.Node.Id;
        context.SendEmail(eventName, recipients, subject, body, html);
        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static IEnumerable<string> Recipients(JsonNode? to) => to switch
    {
        JsonArray list => list.Select(i => i?.ToString() ?? ""),
        JsonValue v => [v.ToString()],
        _ => [],
    };
}
