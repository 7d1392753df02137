using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>A member sending its return for a period from its own delivery link (no account).</summary>
public sealed record SubmitMemberReturn(string Token, int Period, IReadOnlyList<OutputLine> Outputs, IReadOnlyList<SocialValueDelivered> SocialValue, string? Evidence);
