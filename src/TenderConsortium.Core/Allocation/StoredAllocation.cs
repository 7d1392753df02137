namespace TenderConsortium.Core.Allocation;

/// <summary>
/// An opportunity's current allocation: the solver's result (with the lead's overrides), its round (each re-run after
/// a decline or withdrawal is a new round), its status and the allocated members' consents.
/// </summary>
public sealed record StoredAllocation(
    string OpportunityId,
    int Round,
    AllocationStatus Status,
    AllocationResult Result,
    IReadOnlyList<MemberConsent> Consents,
    DateTimeOffset UpdatedAt);
