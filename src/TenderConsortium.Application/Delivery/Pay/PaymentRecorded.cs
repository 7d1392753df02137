namespace TenderConsortium.Application.Delivery.Pay;

/// <param name="AlreadyRecorded">The same payment (reference, day, amount) was recorded before; nothing changed.</param>
public sealed record PaymentRecorded(InvoiceView Invoice, bool AlreadyRecorded);
