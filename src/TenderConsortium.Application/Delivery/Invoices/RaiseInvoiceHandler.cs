using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Invoices;

/// <summary>
/// A member's invoice for a period, computed from its return at the agreed prices, or the lead's invoice to the buyer
/// built from the members' invoices plus the management fee. Raising one again returns the first.
/// </summary>
public sealed class RaiseInvoiceHandler(DeliveryContracts contracts, LatePaymentOptions options, TimeProvider time)
{
    public async Task<InvoiceView> HandleAsync(RaiseInvoice command, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var today = DeliveryContracts.Today(time);
        var on = command.ReceivedOn ?? today;
        if (on > today) throw new ProblemException("date", ProblemCode.Invalid, "an invoice cannot be received in the future; enter the day it arrived");
        InvoiceView view;
        if (command.Member is null)
        {
            view = InvoiceView.Of(contract.RaiseBuyerInvoice(command.Period, on), contract.Buyer, today, options);
        }
        else
        {
            var member = DeliveryMembers.Resolve(contract, command.Member);
            view = InvoiceView.Of(contract.RaiseMemberInvoice(command.Period, member.MemberId, on), member.Name, today, options);
        }

        await contracts.SaveAsync(contract, command.Actor, cancellationToken);
        return view;
    }
}
