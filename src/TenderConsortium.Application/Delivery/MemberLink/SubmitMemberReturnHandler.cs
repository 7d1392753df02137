using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>
/// A member's return from its link. Once the period is over, the return is also its invoice to the lead: the amount
/// is worked out from the outputs at the agreed prices and counts as received today, so the 30 days to pay start at
/// once, without waiting for the lead to type it in. A return sent while the period runs is kept and can be sent again
/// at the end; a return corrected later moves its unpaid invoice with it.
/// </summary>
public sealed class SubmitMemberReturnHandler(MemberDeliveryLink link, DeliveryContracts contracts, LatePaymentOptions options, TimeProvider time)
{
    public async Task<MemberReturnSent> HandleAsync(SubmitMemberReturn command, CancellationToken cancellationToken = default)
    {
        var (contract, member) = await link.ResolveAsync(command.Token, cancellationToken);
        var actor = $"member:{member.Name}";
        var saved = contract.SubmitReturn(command.Period, member.MemberId, command.Outputs, command.SocialValue, command.Evidence, time.GetUtcNow(), actor);
        var today = DeliveryContracts.Today(time);
        var invoice = contract.MemberInvoice(command.Period, member.MemberId)
                      ?? (today > contract.Period(command.Period).End ? contract.RaiseMemberInvoice(command.Period, member.MemberId, today) : null);
        await contracts.SaveAsync(contract, actor, cancellationToken);
        return new MemberReturnSent(saved, invoice is null ? null : InvoiceView.Of(invoice, member.Name, today, options));
    }
}
