using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Engine;

/// <summary>One burst on one instance: the loaded row and state, the definition version, and the buffered effects.</summary>
internal sealed class ExecutionScope(
    InstanceRecord instance,
    InstanceState state,
    WorkflowDefinition definition,
    ActivityCatalogue catalogue,
    WorkflowRuntimeOptions options,
    IServiceProvider services,
    DateTimeOffset now,
    string? actor)
{
    public InstanceRecord Instance { get; } = instance;
    public InstanceState State { get; } = state;
    public WorkflowDefinition Definition { get; } = definition;
    public ActivityCatalogue Catalogue { get; } = catalogue;
    public WorkflowRuntimeOptions Options { get; } = options;
    public IServiceProvider Services { get; } = services;
    public DateTimeOffset Now { get; } = now;
    public string? Actor { get; } = actor;
    public BurstEffects Effects { get; } = new();
    /// <summary>The call's unit of work, handed to each activity (see <see cref="ActivityContext.UnitOfWork"/>).</summary>
    public required WorkflowUnitOfWork UnitOfWork { get; init; }

    /// <summary>The instance row as read before the burst; null when the burst starts the instance.</summary>
    public InstanceRecord? Original { get; init; }
    public int Steps { get; set; }

    private JsonObject? _instanceData;

    public WaitState WaitStateOf(string activityId)
    {
        if (!State.Waiting.TryGetValue(activityId, out var wait))
        {
            wait = new WaitState();
            State.Waiting[activityId] = wait;
        }

        return wait;
    }

    public JsonNode? Lookup(string path)
    {
        var parts = path.Split('.');
        JsonNode? root = parts[0] switch
        {
            "settings" => State.Settings,
            "variables" => State.Variables,
            "instance" => _instanceData ??= new JsonObject
            {
                ["id"] = Instance.Id.ToString(),
                ["definitionId"] = Instance.DefinitionId,
                ["definitionVersion"] = Instance.DefinitionVersion,
                ["correlationId"] = Instance.CorrelationId,
            },
            _ => null,
        };
        return ValuePath.Walk(root, parts.Skip(1));
    }

    public void Journal(string kind, string? activityId, string? detail, string? actor) =>
        Effects.Journal.Add(new JournalRecord
        {
            InstanceId = Instance.Id,
            At = Now,
            Kind = kind,
            ActivityId = activityId,
            Actor = actor ?? Actor,
            Node = Options.NodeId,
            Detail = detail,
        });
}
