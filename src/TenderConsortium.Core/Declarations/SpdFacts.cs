namespace TenderConsortium.Core.Declarations;

/// <summary>
/// What the member's own SPD response needs and the lead cannot know: annual turnover, insurance cover (pounds) and the
/// share of invoices it paid on time (4C.4 prompt payment; 95% or more is expected). Null means not yet given.
/// </summary>
public sealed record SpdFacts(decimal? AnnualTurnover = null, decimal? InsuranceCover = null, decimal? InvoicesPaidOnTimePercent = null)
{
    public static SpdFacts None { get; } = new();

    /// <summary>The items still missing, named as the SPD names them.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (AnnualTurnover is null) missing.Add("Part IV B: annual turnover");
        if (InsuranceCover is null) missing.Add("Part IV B: insurance cover");
        if (InvoicesPaidOnTimePercent is null) missing.Add("4C.4: invoices paid on time");
        return missing;
    }
}
