using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Return;

/// <summary>A member's return for a period (from its link, or the lead on its behalf); a return already invoiced moves its unpaid invoice with it.</summary>
public sealed class SubmitReturnHandler(DeliveryContracts contracts, TimeProvider time)
{
    public async Task<DeliveryReturn> HandleAsync(SubmitReturn command, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var member = DeliveryMembers.Resolve(contract, command.Member);
        var saved = contract.SubmitReturn(command.Period, member.MemberId, command.Outputs, command.SocialValue, command.Evidence, time.GetUtcNow(), command.Actor);
        await contracts.SaveAsync(contract, command.Actor, cancellationToken);
        return saved;
    }
}
