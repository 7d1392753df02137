namespace TenderConsortium.Core.Opportunities;

/// <param name="Method">OCDS method codelist: open, selective, limited, direct; or free text for our own notices.</param>
public sealed record Procedure(string? Method, string? Details);
