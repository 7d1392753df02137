namespace TenderConsortium.Application.Delivery.Invoices;

/// <param name="Member">The member whose invoice the lead received; null for the lead's own invoice to the buyer.</param>
/// <param name="ReceivedOn">The day it was received (or sent to the buyer); today when left out.</param>
public sealed record RaiseInvoice(string Opportunity, int Period, string? Member, DateOnly? ReceivedOn, string Actor, string? ConsortiumId = null);
