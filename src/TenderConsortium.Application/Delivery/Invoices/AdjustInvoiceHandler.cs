using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Invoices;

/// <summary>The lead changes a member invoice's amount with a reason the member sees, before anything is paid or the buyer is invoiced.</summary>
public sealed class AdjustInvoiceHandler(DeliveryContracts contracts, LatePaymentOptions options, TimeProvider time)
{
    public async Task<InvoiceView> HandleAsync(AdjustInvoice command, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var invoice = contract.AdjustMemberInvoice(command.InvoiceId, command.Amount, command.Reason);
        await contracts.SaveAsync(contract, command.Actor, cancellationToken);
        return InvoiceView.Of(invoice, contract.Member(invoice.MemberId).Name, DeliveryContracts.Today(time), options);
    }
}
