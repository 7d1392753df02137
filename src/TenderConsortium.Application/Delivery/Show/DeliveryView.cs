using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Show;

/// <summary>A contract in delivery as the lead sees it: periods, members' invoices, the buyer's invoices, days to pay and what is owed.</summary>
public sealed record DeliveryView(
    string ContractId,
    string OpportunityId,
    string Title,
    string Buyer,
    PeriodLength PeriodLength,
    decimal ManagementFeeRate,
    int PaymentDays,
    DeliveryPeriod CurrentPeriod,
    IReadOnlyList<DeliveryPeriodView> Periods,
    IReadOnlyList<ContractMember> Members,
    IReadOnlyList<InvoiceView> MemberInvoices,
    DaysToPay DaysToPay,
    decimal OwedToMembers,
    decimal OverdueToMembers,
    DateOnly AsOf,
    IReadOnlyList<MemberDaysToPayView> MemberDaysToPay);
