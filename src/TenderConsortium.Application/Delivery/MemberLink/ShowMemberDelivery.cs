namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>A member opening its personal delivery link.</summary>
public sealed record ShowMemberDelivery(string Token);
