using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery;

/// <summary>
/// One invoice as every door shows it: who is owed, how much, when it was received and falls due, what is paid and
/// when, days late, and (when late) what may be claimed under the Late Payment Act, to the day of payment or today.
/// </summary>
public sealed record InvoiceView(
    string Id,
    int Period,
    string Payee,
    string? MemberId,
    decimal Amount,
    decimal? ComputedAmount,
    string? AdjustmentReason,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    decimal Paid,
    decimal Outstanding,
    DateOnly? PaidOn,
    int DaysLate,
    IReadOnlyList<Payment> Payments,
    LatePaymentClaim Claim)
{
    /// <summary>"paid on time", "paid 5 days late", "due 31 May 2027", "5 days late".</summary>
    public string Status => PaidOn is not null
        ? DaysLate == 0 ? "paid on time" : $"paid {DeliveryText.Days(DaysLate)} late"
        : DaysLate > 0 ? $"{DeliveryText.Days(DaysLate)} late" : $"due {DeliveryText.Day(DueOn)}";

    public static InvoiceView Of(Invoice invoice, string payee, DateOnly today, LatePaymentOptions options) => new(
        invoice.Id, invoice.Period, payee, (invoice as MemberInvoice)?.MemberId, invoice.Amount, (invoice as MemberInvoice)?.ComputedAmount,
        (invoice as MemberInvoice)?.AdjustmentReason, invoice.ReceivedOn, invoice.DueOn, invoice.PaidAmount, invoice.Outstanding, invoice.PaidOn,
        invoice.DaysLate(today), invoice.Payments, invoice.LateClaim(today, options));
}
