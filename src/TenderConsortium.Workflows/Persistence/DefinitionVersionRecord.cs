namespace TenderConsortium.Workflows.Persistence;

public sealed class DefinitionVersionRecord
{
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Hash { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
