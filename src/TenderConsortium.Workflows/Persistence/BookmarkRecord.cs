namespace TenderConsortium.Workflows.Persistence;

/// <summary>A bookmark an instance waits on; keyed by what a signal looks it up by (instance, name, key).</summary>
public sealed class BookmarkRecord
{
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
