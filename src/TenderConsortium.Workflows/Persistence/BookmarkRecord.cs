namespace TenderConsortium.Workflows.Persistence;

public sealed class BookmarkRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Name { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
