namespace TenderConsortium.Core.Declarations;

/// <summary>
/// A member's answer to an invitation for one opportunity: offers per lot, or a decline with a reason. A member may
/// answer again until the deadline; each answer is a new <see cref="Revision"/> and the last one counts.
/// </summary>
public sealed record CapacityDeclaration
{
    public required string OpportunityId { get; init; }

    public required string MemberId { get; init; }

    public int Revision { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Set when the member declines; then <see cref="Lots"/> is empty.</summary>
    public string? DeclineReason { get; init; }

    public IReadOnlyList<LotDeclaration> Lots { get; init; } = [];

    /// <summary>Conflicts of interest the member declares (e.g. a director sits on the buyer's board); empty for none.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    public SpdFacts Spd { get; init; } = SpdFacts.None;

    public bool Declined => DeclineReason is not null;

    public LotDeclaration? Lot(string lotId) => Lots.FirstOrDefault(l => l.LotId == lotId);
}
