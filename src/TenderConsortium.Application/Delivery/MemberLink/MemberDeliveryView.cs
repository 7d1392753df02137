using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>What a member sees on its delivery link: its lines, every invoice with due date, what is paid and when, days late, and what it is owed.</summary>
public sealed record MemberDeliveryView(string ContractTitle, string Buyer, string MemberName, IReadOnlyList<ContractLine> Lines, DeliveryPeriod CurrentPeriod,
    IReadOnlyList<InvoiceView> Invoices, decimal Owed, decimal Overdue, string LeadEmail);
