namespace TenderConsortium.Documents.Pricing;

/// <summary>
/// The row markers of the pricing template ("{{#line}}" in column A). Each marks a row whose cell styles the generated
/// rows of that kind copy; the markers stand together and the schedule is written where they stand.
/// </summary>
public static class PricingRowKind
{
    public const string Line = "line";
    public const string LotSubtotal = "lot-subtotal";
    public const string LotFee = "lot-fee";
    public const string LotTotal = "lot-total";
    public const string GrandSubtotal = "grand-subtotal";
    public const string GrandFee = "grand-fee";
    public const string GrandTotal = "grand-total";

    public static IReadOnlyList<string> All { get; } = [Line, LotSubtotal, LotFee, LotTotal, GrandSubtotal, GrandFee, GrandTotal];

    public static IReadOnlyList<string> Required { get; } = [Line, LotSubtotal, LotFee, LotTotal, GrandTotal];

    /// <summary>The key written in column E of lot rows, which the grand totals' SUMIF formulas select on.</summary>
    public static string Key(string kind) => kind switch
    {
        LotSubtotal => "lot subtotal",
        LotFee => "lot fee",
        LotTotal => "lot total",
        GrandSubtotal => "all lots subtotal",
        GrandFee => "all lots fee",
        GrandTotal => "all lots total",
        _ => "",
    };
}
