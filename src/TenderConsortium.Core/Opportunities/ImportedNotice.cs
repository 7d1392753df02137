namespace TenderConsortium.Core.Opportunities;

/// <summary>An opportunity read from a file, with the document it came from (kept verbatim as evidence).</summary>
/// <param name="Path">Where in the file it was, e.g. "releases[3]"; empty for a single release.</param>
public sealed record ImportedNotice(Opportunity Opportunity, string OriginalJson, string Path);
