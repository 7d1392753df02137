namespace TenderConsortium.Core.Declarations;

/// <summary>
/// What a member offers in one lot: up to <see cref="Volume"/> whole units of the lot's unit at <see cref="PricePerUnit"/>,
/// from <see cref="EarliestStart"/>, with its staff and key roles, the council areas it will serve in the lot and its
/// social-value commitments.
/// </summary>
public sealed record LotDeclaration
{
    public required string LotId { get; init; }

    public required long Volume { get; init; }

    public required decimal PricePerUnit { get; init; }

    public required DateOnly EarliestStart { get; init; }

    public int Staff { get; init; }

    public IReadOnlyList<string> KeyRoles { get; init; } = [];

    /// <summary>Council-area codes (S12…) within the lot's places.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    public IReadOnlyList<SocialValueCommitment> SocialValue { get; init; } = [];
}
