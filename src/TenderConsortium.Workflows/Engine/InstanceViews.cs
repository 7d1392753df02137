namespace TenderConsortium.Workflows;

/// <summary>An instance as lists show it: columns only, never the state blob.</summary>
public sealed record InstanceSummary(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    string? Stage,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    string? Incident);

public sealed record JournalEntry(long Id, DateTimeOffset At, string Kind, string? ActivityId, string? Actor, string? Node, string? Detail);

public sealed record BookmarkView(string Name, string Key, string ActivityId, DateTimeOffset CreatedAt);

public sealed record TimerView(Guid Id, string ActivityId, string Tag, DateTimeOffset DueAt, string Status);

public sealed record InstanceDetails(
    InstanceSummary Summary,
    System.Text.Json.Nodes.JsonObject Variables,
    IReadOnlyList<BookmarkView> Bookmarks,
    IReadOnlyList<TimerView> Timers,
    IReadOnlyList<JournalEntry> Journal);

public sealed record StartResult(Guid InstanceId, string Status, int DefinitionVersion);
