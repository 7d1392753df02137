using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Facts that notices state only in prose. PCS and Sell2Wales use fixed sentences ("Community benefits are included
/// in this requirement", "The buyer considers that this contract is suitable for consortia"); buyers writing their
/// own text use many variants ("a sole provider or a consortium of smaller providers", "will be required to deliver
/// Community Benefits"). A sentence that denies the fact wins over one that states it. Each answer keeps the
/// sentence that decided it.
/// </summary>
public static partial class NoticeTextSignals
{
    public static bool RequestsCommunityBenefits(IEnumerable<string?> texts) => CommunityBenefits(texts).Value;

    public static bool WelcomesConsortia(IEnumerable<string?> texts) => Consortia(texts).Value;

    public static NoticeSignal CommunityBenefits(IEnumerable<string?> texts) => Read(texts, NoCommunityBenefits(), CommunityBenefitsStated());

    public static NoticeSignal Consortia(IEnumerable<string?> texts) => Read(texts, NotForConsortia(), ConsortiaWelcome());

    private static NoticeSignal Read(IEnumerable<string?> texts, Regex denial, Regex statement)
    {
        var list = texts.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        foreach (var text in list)
            if (denial.Match(text) is { Success: true } no) return new NoticeSignal(false, NoticeSentences.Around(text, no.Index, no.Length));
        foreach (var text in list)
            if (statement.Match(text) is { Success: true } yes) return new NoticeSignal(true, NoticeSentences.Around(text, yes.Index, yes.Length));
        return new NoticeSignal(false, null);
    }

    [GeneratedRegex(@"community\s+benefits?\s+(are|is|will\s+be)\s+(included|requested|required|sought|expected|a\s+requirement)|community\s+benefits?\s+(requirements?|statement|clauses?|outcomes?|commitments?|proposals?|plan)|committed\s+to\s+(promoting|delivering)\s+community\s+benefits|(deliver|provide|offer|include|propose|commit\s+to)\s+(\w+\s+){0,3}community\s+benefits?|community\s+benefits?\s+(will|shall|must)\s+(be|form)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommunityBenefitsStated();

    [GeneratedRegex(@"community\s+benefits?\s+(are|is)\s+not\s+(included|requested|required|sought)|no\s+community\s+benefits?\s+(are|is|will\s+be)\s+(included|requested|required|sought)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoCommunityBenefits();

    [GeneratedRegex(@"suitable\s+for\s+consorti(a|ums)|consorti(a|um|ums)\s+(bids\s+)?(are\s+|is\s+)?(welcome|encouraged)|welcomes?\s+(bids|tenders|applications|submissions)\s+from\s+consorti|open\s+to\s+consorti|(sole|single|individual)\s+(provider|supplier|organisation|organization|bidder|tenderer)s?\s+or\s+(as\s+)?(a\s+|part\s+of\s+a\s+)?consorti|consorti(a|um)\s+of\s+(\w+\s+){0,2}(providers|organisations|organizations|suppliers|enterprises|businesses)|(consortia|consortium|joint)\s+(bids|tenders|applications|submissions)\s+(will\s+be\s+|are\s+)?(accepted|considered|permitted)|bid\s+(as|through)\s+(a\s+)?consorti", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConsortiaWelcome();

    [GeneratedRegex(@"not\s+(be\s+)?suitable\s+for\s+consorti|consorti(a|um)\s+(bids\s+)?(are\s+|is\s+|will\s+)?not\s+(be\s+)?(welcome|accepted|permitted|considered)|(will\s+)?not\s+accept\s+(bids|tenders)\s+from\s+consorti", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotForConsortia();
}
