namespace TenderConsortium.Core.Reference;

/// <summary>One of Scotland's 32 council areas with the statistical regions it lies in (some councils straddle two).</summary>
public sealed record CouncilArea(string Code, string Name, IReadOnlyList<string> Itl3Codes, IReadOnlyList<string> Itl2Codes);
