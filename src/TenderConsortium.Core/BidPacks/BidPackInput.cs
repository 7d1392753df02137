using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Everything a bid pack is made from. The same input always gives the same documents, byte for byte: nothing in
/// assembly reads the clock, so <see cref="AsOf"/> (the day the pack is for, used for days left before the deadline)
/// is part of the input.
/// </summary>
public sealed record BidPackInput
{
    public required string OpportunityId { get; init; }

    public required Opportunity Opportunity { get; init; }

    /// <summary>The members named in declarations or the allocation (others are not part of this bid).</summary>
    public required IReadOnlyList<BidPackMember> Members { get; init; }

    /// <summary>The latest declaration of each member that answered.</summary>
    public required IReadOnlyList<CapacityDeclaration> Declarations { get; init; }

    public required AllocationResult Allocation { get; init; }

    /// <summary>The allocation round the pack is built from (1 when computed on the fly).</summary>
    public int AllocationRound { get; init; } = 1;

    /// <summary>When the allocation was last changed; the documents' dates derive from it, not from the clock.</summary>
    public DateTimeOffset AllocationUpdatedAt { get; init; }

    public required IReadOnlyList<LotTerms> LotTerms { get; init; }

    public AllocationRules Rules { get; init; } = AllocationRules.Default;

    public ConsortiumProfile Profile { get; init; } = ConsortiumProfile.Default;

    public required DateOnly AsOf { get; init; }

    /// <summary>Lots the buyer awarded, for sub-contracts; null before the outcome (drafts cover every allocated lot).</summary>
    public IReadOnlyList<string>? AwardedLotIds { get; init; }

    public BidPackMember? Member(string id) => Members.FirstOrDefault(m => m.Id == id);

    public CapacityDeclaration? DeclarationOf(string memberId) => Declarations.FirstOrDefault(d => d.MemberId == memberId);

    public LotTerms TermsOf(string lotId) =>
        LotTerms.FirstOrDefault(t => t.LotId == lotId) ?? LotTermsReader.Read(Opportunity, null).First(t => t.LotId == lotId);

    public bool IsAwarded(string lotId) => AwardedLotIds is null || AwardedLotIds.Contains(lotId);
}
