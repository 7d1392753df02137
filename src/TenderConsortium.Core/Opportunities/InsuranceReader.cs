using System.Globalization;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Reads the insurance levels a notice asks for ("Employer's Liability £10m, Public Liability £5m") from its
/// texts. Each kind is paired with the first amount after it and before the next kind; a sentence that asks for
/// insurance without a level ("Insurance Requirements - As stipulated in the ITT") is kept with no amount so the
/// lead knows to look in the documents.
/// </summary>
public static partial class InsuranceReader
{
    public static IReadOnlyList<InsuranceRequirement> Read(IEnumerable<string?> texts)
    {
        var found = new List<InsuranceRequirement>();
        foreach (var text in texts.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!))
        {
            var kinds = Kind().Matches(text).ToList();
            var amounts = Amount().Matches(text).ToList();
            for (var k = 0; k < kinds.Count; k++)
            {
                var kind = KindName(kinds[k].Value);
                var limit = k + 1 < kinds.Count ? kinds[k + 1].Index : text.Length;
                var after = amounts.FirstOrDefault(a => a.Index > kinds[k].Index && a.Index < limit && a.Index - kinds[k].Index < 120);
                var before = after is null && k == kinds.Count - 1 ? amounts.LastOrDefault(a => a.Index < kinds[k].Index && kinds[k].Index - a.Index < 40) : null;
                var amount = ParseAmount(after ?? before);
                var evidence = NoticeSentences.Around(text, kinds[k].Index, kinds[k].Length);
                if (!found.Any(f => f.Kind == kind && f.Amount == amount)) found.Add(new InsuranceRequirement(kind, amount, evidence));
            }

            if (kinds.Count == 0 && Unnamed().Match(text) is { Success: true } unnamed && found.All(f => f.Kind != "insurance"))
                found.Add(new InsuranceRequirement("insurance", null, NoticeSentences.Around(text, unnamed.Index, unnamed.Length)));
        }

        // A kind read with a level makes the same kind without one redundant.
        return found.Where(f => f.Amount is not null || !found.Any(o => o.Kind == f.Kind && o.Amount is not null)).ToList();
    }

    private static string KindName(string matched)
    {
        var m = matched.ToLowerInvariant();
        if (m.Contains("employ")) return "employer's liability";
        if (m.Contains("public")) return "public liability";
        if (m.Contains("professional") || m.Contains("indemnity")) return "professional indemnity";
        if (m.Contains("product")) return "product liability";
        return "motor insurance";
    }

    private static Money? ParseAmount(Match? match)
    {
        if (match is null) return null;
        if (!decimal.TryParse(match.Groups["n"].Value.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return null;
        var unit = match.Groups["u"].Value.ToLowerInvariant();
        n *= unit switch { "m" or "million" or "mil" => 1_000_000m, "k" => 1_000m, "bn" or "billion" => 1_000_000_000m, _ => 1m };
        return new Money(n, "GBP");
    }

    [GeneratedRegex(@"employer[’']?s[’']?\s+liability|public\s+liability|professional\s+indemnity|product(s)?\s+liability|motor\s+(vehicle\s+)?insurance", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Kind();

    [GeneratedRegex(@"(£|GBP\s?)\s?(?<n>\d{1,3}(,\d{3})+|\d+(\.\d+)?)\s*(?<u>million|mil|m|k|bn|billion)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"insurance\s+(requirements?|levels?|cover)|minimum\s+insurance|(appropriate|adequate|relevant)\s+insurances?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unnamed();
}
