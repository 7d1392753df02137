using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Core.Workflow;

/// <summary>The tender activities' access to their ports and settings through the runtime's context.</summary>
public static class ActivityServices
{
    public static T Service<T>(this ActivityContext context) where T : class =>
        context.Services.GetService(typeof(T)) as T
        ?? throw new InvalidOperationException($"{context.Node.Type} needs the {typeof(T).Name} service; register the tender domain on the node (AddTenderDomain).");

    public static TenderSettings TenderSettings(this ActivityContext context) => Workflow.TenderSettings.From(context.ResolvePath("settings") as JsonObject);
}
