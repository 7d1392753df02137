using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery;

/// <summary>Names a contract's member by id or by name, as a lead types it; an unknown one lists who delivers.</summary>
public static class DeliveryMembers
{
    public static ContractMember Resolve(DeliveryContract contract, string member) =>
        contract.Members.FirstOrDefault(m => m.MemberId == member)
        ?? contract.Members.FirstOrDefault(m => string.Equals(m.Name, member.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ProblemException("member", ProblemCode.NotFound,
            $"'{member}' does not deliver this contract; choose one of {string.Join(", ", contract.Members.Select(m => $"{m.Name} ({m.MemberId})"))}");
}
