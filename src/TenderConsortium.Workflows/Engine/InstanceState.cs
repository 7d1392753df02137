using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// The serialised part of an instance: data, what is queued to run, what waits on what. Everything a query needs
/// (status, stage, deadlines) is a column of the instance row instead, so lists never read this blob.
/// </summary>
internal sealed class InstanceState
{
    public JsonObject Variables { get; set; } = new();
    public JsonObject Settings { get; set; } = new();
    public List<WorkItem> Queue { get; set; } = [];
    public Dictionary<string, WaitState> Waiting { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> ActivityState { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many times each activity has completed; gives repeated emails in loops distinct Message-IDs.</summary>
    public Dictionary<string, int> Completions { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Attempts { get; set; } = new(StringComparer.Ordinal);
    public FaultState? Fault { get; set; }

    /// <summary>Read and written on every call on an instance: generated code, not reflection (the web defaults as before).</summary>
    public string Serialize() => JsonSerializer.Serialize(this, InstanceStateJson.Default.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, InstanceStateJson.Default.InstanceState) ?? throw new InvalidDataException("Empty instance state.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class InstanceStateJson : JsonSerializerContext;

internal sealed record WorkItem(string ActivityId, string? Via);

internal sealed class WaitState
{
    public List<BookmarkRef> Bookmarks { get; set; } = [];
    public List<TimerRef> Timers { get; set; } = [];

    /// <summary>Set when the activity failed and waits for a retry timer: the work item to run again.</summary>
    public WorkItem? Retry { get; set; }
}

internal sealed record BookmarkRef(string Name, string Key);

internal sealed record TimerRef(Guid Id, DateTimeOffset DueAt);

internal sealed record FaultState(WorkItem Item, string Reason, int Attempts);
