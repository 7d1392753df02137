namespace TenderConsortium.Core.Allocation;

/// <summary>One allocated member's consent to its shares of an opportunity, with its reason when it declined or withdrew.</summary>
public sealed record MemberConsent(string MemberId, ConsentStatus Status, DateTimeOffset? AnsweredAt = null, string? Reason = null);
