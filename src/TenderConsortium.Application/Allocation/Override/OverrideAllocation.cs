using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Application.Allocation.Override;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="Overrides">The shares the lead sets, each with its reason; the rest is re-optimised around them.</param>
public sealed record OverrideAllocation(string Opportunity, IReadOnlyList<ShareOverride> Overrides, string Actor, string? ConsortiumId = null);
