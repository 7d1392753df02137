using System.Text.RegularExpressions;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Doubts about a notice that a person must settle rather than the importer guess: award weights that do not add up
/// to 100, lots that cannot be told apart (same title, no value), and a title that is only a number while the
/// reference holds words (publishers swap the two fields).
/// </summary>
public static partial class NoticeWarnings
{
    /// <summary>The title to use: the reference when the title is a number and the reference is words (warned).</summary>
    public static (string Title, string? Reference) Title(string title, string? reference, string path, IntakeProblems problems)
    {
        if (!NumberOnly().IsMatch(title)) return (title, reference);
        var words = reference?.Trim();
        if (words is not null && !NumberOnly().IsMatch(words) && Letters().Matches(words).Count >= 2 && words.Contains(' '))
        {
            problems.Warn(path, $"the title is the number '{title}' and the reference reads '{words}'; the reference is used as the title — check the notice");
            return (words, title);
        }

        problems.Warn(path, $"the title is only the number '{title}'; give the opportunity its real title from the notice");
        return (title, reference);
    }

    public static void Lots(IReadOnlyList<Lot> lots, string path, IntakeProblems problems)
    {
        foreach (var lot in lots)
        {
            var weights = lot.AwardCriteria.Select(c => c.Weight).ToList();
            if (weights.Count == 0 || weights.Any(w => w is null || w.Min != w.Max)) continue;
            var sum = weights.Sum(w => w!.Min);
            if (sum != 100m)
                problems.Warn($"{path}[id={lot.Id}].awardCriteria", $"the award weights add up to {sum:0.##}, not 100; check the weights in the tender documents");
        }

        foreach (var same in lots.Where(l => l.Value is null).GroupBy(l => l.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var ids = string.Join(", ", same.Select(l => l.Id));
            problems.Warn(path, $"lots {ids} share the title '{same.Key}' and give no value; tell them apart from the tender documents before inviting members");
        }
    }

    public static string? FirstUrl(string text) => Url().Match(text) is { Success: true } m ? m.Value.TrimEnd('.', ',', ')') : null;

    [GeneratedRegex(@"^\s*[\d][\d\s./-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberOnly();

    [GeneratedRegex(@"[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Letters();

    [GeneratedRegex(@"(https?://|www\.)[^\s""<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
