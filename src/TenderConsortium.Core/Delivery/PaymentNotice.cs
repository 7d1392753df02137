namespace TenderConsortium.Core.Delivery;

/// <summary>One notice about one invoice, with a key that is the same however often it is computed, so it is sent once.</summary>
public sealed record PaymentNotice(string Key, PaymentNoticeKind Kind, MemberInvoice Invoice, DateOnly On, int DaysBefore);
