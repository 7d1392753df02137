using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Which of two releases of one OCID is the newer: by release date, then by where its tag stands in the OCDS
/// releaseTag sequence (planning → tender → tenderAmendment → tenderUpdate → award → contract…). File order never
/// decides: packages list a newer amendment before an older notice often enough.
/// </summary>
public static class ReleaseOrder
{
    private static readonly string[] Sequence =
    [
        "planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation",
        "award", "awardUpdate", "awardCancellation", "contract", "contractAmendment", "contractUpdate",
        "implementation", "implementationUpdate", "contractTermination", "compiled",
    ];

    /// <summary>True when <paramref name="incoming"/> is older than <paramref name="stored"/> and must not overwrite it.</summary>
    public static bool IsOlder(Opportunity incoming, Opportunity stored)
    {
        if (incoming.ReleaseDate is { } a && stored.ReleaseDate is { } b && a != b) return a < b;
        if (incoming.ReleaseDate is null || stored.ReleaseDate is null) return false;
        return Rank(incoming.ReleaseTags) < Rank(stored.ReleaseTags);
    }

    public static int Rank(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? -1 : tags.Max(t => Array.FindIndex(Sequence, s => s.Equals(t, StringComparison.OrdinalIgnoreCase)));

    public static string Describe(Opportunity release) =>
        $"{(release.ReleaseDate is { } at ? DisplayTime.Current.DateAndTime(at) : "no release date")}{(release.ReleaseTags.Count > 0 ? ", " + string.Join("/", release.ReleaseTags) : "")}";
}
