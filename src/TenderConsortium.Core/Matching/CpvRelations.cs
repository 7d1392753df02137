namespace TenderConsortium.Core.Matching;

/// <summary>
/// Relations between two eight-digit CPV codes. A code stands for itself and everything below it, so a member
/// capable of 85310000 fits a lot asking 85311000; strength falls as fewer leading digits agree.
/// </summary>
public static class CpvRelations
{
    public static CpvCloseness Closeness(string lotCode, string memberCode)
    {
        var common = CommonDigits(lotCode, memberCode);
        return common switch
        {
            >= 8 => CpvCloseness.Exact,
            >= 5 => CpvCloseness.Category,
            4 => CpvCloseness.Class,
            3 => CpvCloseness.Group,
            2 => CpvCloseness.Division,
            _ => CpvCloseness.None,
        };
    }

    /// <summary>
    /// True when the member's code can stand for the lot's in the consortium's coverage: one lies under the other, or
    /// they share a class (4 digits); a sibling group alone is too far to promise delivery.
    /// </summary>
    public static bool Covers(string memberCode, string lotCode) =>
        IsUnder(lotCode, memberCode) || IsUnder(memberCode, lotCode) || CommonDigits(lotCode, memberCode) >= 4;

    /// <summary>True when <paramref name="code"/> equals <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsUnder(string code, string ancestor)
    {
        var significant = Significant(ancestor);
        return code.Length >= significant.Length && code.AsSpan().StartsWith(significant);
    }

    /// <summary>The digits that carry meaning: trailing zeros dropped, at least the two of the division.</summary>
    public static ReadOnlySpan<char> Significant(string code)
    {
        var end = code.Length;
        while (end > 2 && code[end - 1] == '0') end--;
        return code.AsSpan(0, end);
    }

    public static int CommonDigits(string a, string b)
    {
        var n = Math.Min(Math.Min(a.Length, b.Length), 8);
        var i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    public static string LevelName(CpvCloseness closeness) => closeness switch
    {
        CpvCloseness.Exact => "exact",
        CpvCloseness.Category => "category",
        CpvCloseness.Class => "class",
        CpvCloseness.Group => "group",
        CpvCloseness.Division => "division",
        _ => "none",
    };
}
