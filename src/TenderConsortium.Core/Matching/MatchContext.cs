namespace TenderConsortium.Core.Matching;

/// <summary>
/// Facts about the consortium that are not in the notice or the registry. Conflicts of interest are an input rather
/// than a member field: they come from members' declarations for a bid, and the registry import does not carry them.
/// </summary>
public sealed record MatchContext
{
    public static MatchContext Empty { get; } = new();

    /// <summary>The day certifications are checked on when a notice has no deadline (otherwise the deadline's day).</summary>
    public DateOnly? Today { get; init; }

    /// <summary>Member id → buyers (names or ids, any case) the member has declared a conflict of interest with.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Conflicts { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Member id → recent invitations and awards; when empty, rotation lifts everyone alike and says nothing.</summary>
    public IReadOnlyDictionary<string, RotationHistory> Rotation { get; init; } = new Dictionary<string, RotationHistory>();
}

/// <summary>How often a member was invited to bid and awarded work in the rotation window.</summary>
public sealed record RotationHistory(int Invitations, int Awards);
