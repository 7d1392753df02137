using TenderConsortium.Core.Members;

namespace TenderConsortium.Core.BidPacks;

/// <summary>A member with the id declarations and allocations refer to it by (the registry's stored id).</summary>
public sealed record BidPackMember(string Id, Member Member);
