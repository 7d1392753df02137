using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Portfolio;

/// <summary>The consortium's delivery at a glance: days to pay overall and per member, money owed and overdue, social value per contract.</summary>
public sealed record PortfolioView(int Contracts, DaysToPay DaysToPay, IReadOnlyList<MemberPaymentView> Members, decimal Owed, decimal Overdue,
    IReadOnlyList<ContractSocialValueView> SocialValue, DateOnly AsOf);
