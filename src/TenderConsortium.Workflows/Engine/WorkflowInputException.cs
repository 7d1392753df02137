namespace TenderConsortium.Workflows;

/// <summary>Input to the runtime (settings, payloads) that does not fit what the definition declares.</summary>
public sealed class WorkflowInputException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
