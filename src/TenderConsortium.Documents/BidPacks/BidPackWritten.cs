namespace TenderConsortium.Documents.BidPacks;

/// <summary>Where one version of a pack was written; <see cref="Subcontracts"/> is empty when none were issued with it.</summary>
public sealed record BidPackWritten(int Version, string Folder, string BidPack, string Pricing, string Checks, IReadOnlyList<string> Subcontracts);
