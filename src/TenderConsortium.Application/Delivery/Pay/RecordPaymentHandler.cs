using TenderConsortium.Core.Delivery;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Application.Delivery.Pay;

/// <summary>
/// The lead records a payment: the buyer's to the lead, or the lead's to a member. The same payment sent again (a
/// retry, a double click) is recognised by its reference and recorded once; a paid invoice gets no late notice.
/// </summary>
public sealed class RecordPaymentHandler(DeliveryContracts contracts, IDeliveryStore store, LatePaymentOptions options, TimeProvider time)
{
    public async Task<PaymentRecorded> HandleAsync(RecordPayment command, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var added = contract.RecordPayment(command.InvoiceId, command.PaidOn, command.Amount, command.Reference, time.GetUtcNow(), command.Actor);
        if (added)
        {
            await store.SaveAsync(contract, cancellationToken);
            // The payment is stored; a crash here loses only the nudge, and the workflow finds the invoice paid anyway.
            CrashPoints.Hit("delivery-payment-saved");
            await contracts.NudgeAsync(contract, command.Actor, cancellationToken);
        }
        var invoice = contract.Invoice(command.InvoiceId);
        var payee = invoice is MemberInvoice m ? contract.Member(m.MemberId).Name : contract.Buyer;
        return new PaymentRecorded(InvoiceView.Of(invoice, payee, DeliveryContracts.Today(time), options), !added);
    }
}
