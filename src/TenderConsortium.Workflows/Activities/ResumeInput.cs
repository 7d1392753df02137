using System.Text.Json.Nodes;

namespace TenderConsortium.Workflows.Activities;

/// <summary>What woke a waiting activity: a signal on one of its bookmarks, or one of its timers.</summary>
public sealed record ResumeInput(ResumeKind Kind, string? Bookmark, string? Key, JsonNode? Payload, string? Actor, string? TimerTag);

public enum ResumeKind
{
    Signal,
    Timer,
}
