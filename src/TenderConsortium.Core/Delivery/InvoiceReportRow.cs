namespace TenderConsortium.Core.Delivery;

/// <summary>One member's invoice for the period as the report lists it: amount, due, paid, days late and what may be claimed.</summary>
public sealed record InvoiceReportRow(string MemberId, string MemberName, string InvoiceId, decimal Amount, DateOnly ReceivedOn, DateOnly DueOn, DateOnly? PaidOn, int DaysLate,
    LatePaymentClaim Claim, string? AdjustmentReason);
