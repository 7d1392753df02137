namespace TenderConsortium.Application.Delivery.Invoices;

public sealed record AdjustInvoice(string Opportunity, string InvoiceId, decimal Amount, string Reason, string Actor, string? ConsortiumId = null);
