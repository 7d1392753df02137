using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>
/// What a member sees on its delivery link: its lines, the social value it committed to, the periods it can send a
/// return for, every invoice with due date, what is paid and when, days late, what it is owed, and its capacity
/// across every bid and contract it is in.
/// </summary>
public sealed record MemberDeliveryView(string ContractTitle, string Buyer, string MemberName, IReadOnlyList<ContractLine> Lines, DeliveryPeriod CurrentPeriod,
    IReadOnlyList<InvoiceView> Invoices, decimal Owed, decimal Overdue, string LeadEmail, int PaymentDays,
    IReadOnlyList<SocialValueCommitment> Commitments, IReadOnlyList<ReturnPeriodView> Returns, CapacityLedger? Capacity);

/// <param name="Open">Whether a return can still be sent or corrected (its invoice is unpaid and the buyer not yet invoiced).</param>
/// <param name="Ended">Whether the period is over, so a return sent now is also the invoice.</param>
public sealed record ReturnPeriodView(DeliveryPeriod Period, DeliveryReturn? Return, string? InvoiceId, bool Open, bool Ended);
