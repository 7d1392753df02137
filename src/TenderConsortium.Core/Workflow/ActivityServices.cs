using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Core.Workflow;

/// <summary>The tender activities' access to their ports and settings through the runtime's context.</summary>
public static class ActivityServices
{
    /// <summary>
    /// A service the activity needs. A store (anything registered with an <see cref="IStoreFactory{T}"/>) comes joined
    /// to the activity's unit of work, so what it writes commits with the step and what it reads includes the step's writes.
    /// </summary>
    public static T Service<T>(this ActivityContext context) where T : class =>
        (context.Services.GetService(typeof(IStoreFactory<T>)) as IStoreFactory<T>)?.For(context.UnitOfWork)
        ?? context.Services.GetService(typeof(T)) as T
        ?? throw new InvalidOperationException($"{context.Node.Type} needs the {typeof(T).Name} service; register the tender domain on the node (AddTenderDomain).");

    public static TenderSettings TenderSettings(this ActivityContext context) => Workflow.TenderSettings.From(context.ResolvePath("settings") as JsonObject);
}
