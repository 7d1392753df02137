namespace TenderConsortium.Core.Allocation;

/// <summary>Bookmark names the allocation stages wait on.</summary>
public static class AllocationSignals
{
    /// <summary>The lead approves, overrides shares (with reasons) or re-runs the allocation (key: opportunity id).</summary>
    public const string Approval = "allocation-approval";

    /// <summary>An allocated member accepts or declines its share (key: member id).</summary>
    public const string Consent = "consent";

    /// <summary>A member whose share grew after a later withdrawal accepts or declines it (key: member id).</summary>
    public const string Reconsent = "reconsent";

    /// <summary>
    /// A member withdraws (payload names the member). Key: the opportunity id while members consent, the opportunity id
    /// plus <see cref="LaterSuffix"/> for the rest of the bid, so both stages may wait at once when a bid loops back.
    /// </summary>
    public const string Withdrawal = "withdrawal";

    public const string LaterSuffix = ":later";
}
