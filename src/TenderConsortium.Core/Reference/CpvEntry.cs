namespace TenderConsortium.Core.Reference;

/// <param name="Code8">The eight digits without the check digit: the form OCDS publishers use.</param>
/// <param name="ParentCode8">The nearest ancestor that exists in the list (not always one level up).</param>
public sealed record CpvEntry(string Code8, char CheckDigit, string Description, CpvLevel Level, string? ParentCode8)
{
    public string Code => $"{Code8}-{CheckDigit}";
    public string Division => Code8[..2];
}
