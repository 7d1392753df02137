namespace TenderConsortium.Core.Opportunities;

/// <summary>Contracts Finder's flags that the buyer considers the contract suitable for SMEs and VCSEs.</summary>
public sealed record Suitability(bool? Sme, bool? Vcse);
