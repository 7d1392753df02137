namespace TenderConsortium.Core.Reviews;

/// <summary>An adviser's comment on one section of the bid pack (e.g. "Social value", "Lot 2 delivery model").</summary>
public sealed record ReviewComment(string Section, string Text, string Adviser, DateTimeOffset At);
