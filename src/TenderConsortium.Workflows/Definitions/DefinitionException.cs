namespace TenderConsortium.Workflows.Definitions;

/// <summary>A definition file that cannot be used; every error names the file, the JSON path and what was expected.</summary>
public sealed class DefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

public sealed record DefinitionError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}
