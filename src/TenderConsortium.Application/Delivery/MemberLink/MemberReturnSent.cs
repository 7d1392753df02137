using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <param name="Invoice">The member's invoice for the period, computed from the return; null while the period is still running.</param>
public sealed record MemberReturnSent(DeliveryReturn Return, InvoiceView? Invoice);
