using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.Subcontracts;

namespace TenderConsortium.Documents.BidPacks;

/// <summary>One assembled version of a pack, in memory: the documents' bytes and the checks they were given.</summary>
public sealed record BidPackFiles(
    byte[] BidPack,
    byte[] Pricing,
    byte[] ChecksJson,
    IReadOnlyList<SubcontractFile> Subcontracts,
    BidPackChecks Checks);
