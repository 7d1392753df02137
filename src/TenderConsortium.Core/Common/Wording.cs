
namespace TenderConsortium.Core.Common;

/// <summary>
/// Counts and lists as a person would write them ("1 member", "3 members", "lots 1 and 2"), so no "member(s)"
/// or comma-joined id list reaches a page, an email, the journal a lead reads or the CLI.
/// </summary>
public static class Wording
{
    /// <summary>"1 member", "2 members"; <paramref name="plural"/> for irregular words ("1 reply", "2 replies").</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            _ => $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}",
        };
    }

    /// <summary>"lot 1", "lots 1 and 2", in the notice's own order of lot ids (numeric where they are numbers).</summary>
    public static string Lots(IEnumerable<string> lotIds)
    {
        var ids = LotOrder.Sort(lotIds.Distinct(), id => id);
        return (ids.Count == 1 ? "lot " : "lots ") + List(ids);
    }
}
