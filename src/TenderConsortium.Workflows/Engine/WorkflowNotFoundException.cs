namespace TenderConsortium.Workflows;

/// <summary>A definition or instance that was asked for by id and does not exist.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);
