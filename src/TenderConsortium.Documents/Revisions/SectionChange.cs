namespace TenderConsortium.Documents.Revisions;

/// <summary>A section present in both versions whose text differs: the lines only the new one has, and those it lost.</summary>
public sealed record SectionChange(string Heading, IReadOnlyList<string> LinesAdded, IReadOnlyList<string> LinesRemoved);
