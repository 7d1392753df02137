namespace TenderConsortium.Core.Opportunities;

/// <param name="Type">economic, technical, suitability … as published; null for a lot's free-text selection note.</param>
public sealed record SelectionCriterion(string? Type, string? Description, string? Minimum = null);
