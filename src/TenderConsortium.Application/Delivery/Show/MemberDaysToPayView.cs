using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Show;

/// <summary>How fast one member of a contract has been paid: the figures the lead checks against the 30-day promise.</summary>
public sealed record MemberDaysToPayView(string MemberName, DaysToPay DaysToPay);
