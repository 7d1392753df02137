using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Whether the bid must name its staff and give their qualifications: the structured flag when the publisher sets it
/// (PCS and eForms: otherRequirements.requiresStaffNamesAndQualifications), else the sentences that ask for named
/// staff, key personnel or professional registrations (SSSC, HCPC, NMC).
/// </summary>
public static partial class StaffReader
{
    public static StaffRequirement? Read(bool? flag, IEnumerable<string?> texts)
    {
        var evidence = new List<string>();
        if (flag is not null) evidence.Add($"The notice states that the names and professional qualifications of the staff {(flag.Value ? "must" : "need not")} be given.");
        foreach (var text in texts.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!))
            foreach (Match m in Staff().Matches(text))
            {
                var quote = NoticeSentences.Around(text, m.Index, m.Length);
                if (!evidence.Contains(quote)) evidence.Add(quote);
            }

        if (flag is null && evidence.Count == 0) return null;
        return new StaffRequirement(flag ?? evidence.Count > 0, evidence);
    }

    [GeneratedRegex(@"names?\s+and\s+(professional\s+)?qualifications|named\s+(staff|personnel|individuals?)|key\s+(staff|personnel)|staff\s+(must|will|shall)\s+be\s+(suitably\s+)?(qualified|registered)|registered\s+with\s+the\s+(SSSC|HCPC|NMC)|\bSSSC\s+registration", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Staff();
}
