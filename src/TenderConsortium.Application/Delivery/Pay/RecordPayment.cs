namespace TenderConsortium.Application.Delivery.Pay;

/// <param name="InvoiceId">A member invoice ("P2-&lt;member&gt;": the lead paid the member) or the buyer's ("P2-buyer": the buyer paid the lead).</param>
public sealed record RecordPayment(string Opportunity, string InvoiceId, DateOnly PaidOn, decimal Amount, string Reference, string Actor, string? ConsortiumId = null);
