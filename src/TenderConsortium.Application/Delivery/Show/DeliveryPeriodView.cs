using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Show;

/// <summary>A period with who has sent a return, who has invoiced, and the buyer's invoice when raised.</summary>
public sealed record DeliveryPeriodView(DeliveryPeriod Period, IReadOnlyList<string> Returned, IReadOnlyList<string> Invoiced, IReadOnlyList<string> Missing, InvoiceView? BuyerInvoice);
