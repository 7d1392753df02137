namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The lead pins a member's volume in a lot, with the reason recorded for the audit trail and the member's letter.
/// A pin may exceed the consortium cap (the lead decides) but not the member's declared volume, the lot's demand or
/// the member's overall capacity. The rest of the lot, and the other lots, are re-optimised around it.
/// </summary>
public sealed record ShareOverride(string MemberId, string LotId, long Volume, string Reason);
