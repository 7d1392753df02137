namespace TenderConsortium.Workflows.Definitions;

/// <summary>The outcome of reading one definition: the definition when it is valid, otherwise every error found.</summary>
public sealed record DefinitionLoadResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    /// <summary>The label the file was read under (a path relative to the directory for <see cref="DefinitionLoader.LoadDirectory"/>).</summary>
    public string File { get; init; } = "";

    public bool IsValid => Definition is not null && Errors.Count == 0;
}
