namespace TenderConsortium.Documents.Revisions;

/// <summary>One top-level section of a bid pack document as its reader sees it: the heading and its lines of text.</summary>
public sealed record PackSection(string Heading, IReadOnlyList<string> Lines);
