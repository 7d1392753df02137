using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Portfolio;

/// <summary>How promptly one member has been paid across the consortium's contracts, and what it is owed.</summary>
public sealed record MemberPaymentView(string MemberId, string MemberName, DaysToPay DaysToPay, decimal Owed, decimal Overdue, int InvoicesLate);
