using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Facts that notices state only in prose. PCS and Sell2Wales use fixed sentences ("Community benefits are included
/// in this requirement", "The buyer considers that this contract is suitable for consortia"); buyers writing their
/// own text use a few common variants. A sentence that denies the fact wins over one that states it.
/// </summary>
public static partial class NoticeTextSignals
{
    public static bool RequestsCommunityBenefits(IEnumerable<string?> texts)
    {
        var text = Join(texts);
        return !NoCommunityBenefits().IsMatch(text) && CommunityBenefits().IsMatch(text);
    }

    public static bool WelcomesConsortia(IEnumerable<string?> texts)
    {
        var text = Join(texts);
        return !NotForConsortia().IsMatch(text) && ConsortiaWelcome().IsMatch(text);
    }

    private static string Join(IEnumerable<string?> texts) => string.Join("\n", texts.Where(t => !string.IsNullOrEmpty(t)));

    [GeneratedRegex(@"community\s+benefits?\s+(are|is|will\s+be)\s+(included|requested|required|sought)|community\s+benefits?\s+(requirements?|statement|clauses?|outcomes?)|committed\s+to\s+promoting\s+community\s+benefits", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommunityBenefits();

    [GeneratedRegex(@"community\s+benefits?\s+(are|is)\s+not\s+(included|requested|required)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoCommunityBenefits();

    [GeneratedRegex(@"suitable\s+for\s+consorti(a|ums)|consorti(a|um|ums)\s+(bids\s+)?(are\s+|is\s+)?(welcome|encouraged)|welcomes?\s+(bids|tenders|applications|submissions)\s+from\s+consorti|open\s+to\s+consorti", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConsortiaWelcome();

    [GeneratedRegex(@"not\s+(be\s+)?suitable\s+for\s+consorti|consorti(a|um)\s+(bids\s+)?(are\s+|is\s+|will\s+)?not\s+(be\s+)?(welcome|accepted|permitted)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotForConsortia();
}
