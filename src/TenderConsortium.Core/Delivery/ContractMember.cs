using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Core.Delivery;

/// <summary>A member delivering the contract: its lines, the social value it committed to in its declaration, and who reads its emails.</summary>
public sealed record ContractMember(string MemberId, string Name, string? Email, IReadOnlyList<ContractLine> Lines, IReadOnlyList<SocialValueCommitment> Commitments)
{
    public ContractLine? Line(string lotId) => Lines.FirstOrDefault(l => l.LotId == lotId);
}
