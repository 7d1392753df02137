using System.Globalization;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// Every rule that turns a notice into hard requirements, in one place (docs/matching.md lists them):
/// <list type="bullet">
/// <item>PVG/Disclosure when a lot CPV lies under 851 (health) or 853 (social work), or the text names PVG,
/// Disclosure Scotland, children, young people or vulnerable adults (regulated work under the PVG Act 2007).</item>
/// <item>Care Inspectorate registration when the text names the Care Inspectorate (a registered care service).</item>
/// <item>Supported Business status when the contract is reserved for supported businesses.</item>
/// <item>The turnover minimum from the selection criteria ("a minimum yearly turnover of 660,000 GBP"; "twice the
/// contract value" when the lot has a value).</item>
/// </list>
/// Favoured (scored, not required): Real Living Wage always (Fair Work First), ISO 9001 and Supported Business when named.
/// </summary>
public static partial class RequirementRules
{
    public static LotRequirements For(Opportunity opportunity, Lot lot)
    {
        var criteria = lot.SelectionCriteria.Concat(opportunity.SelectionCriteria).ToList();
        var text = string.Join("\n", new[] { opportunity.Title, opportunity.Description, opportunity.AdditionalInformation, lot.Title, lot.Description }
            .Concat(criteria.SelectMany(c => new[] { c.Description, c.Minimum }))
            .Where(t => !string.IsNullOrEmpty(t)));

        var mandatory = new List<CertificationRequirement>();
        if (lot.Cpv.FirstOrDefault(c => CpvRelations.IsUnder(c, "85100000") || CpvRelations.IsUnder(c, "85300000")) is { } care)
            mandatory.Add(new CertificationRequirement(CertificationKind.PvgDisclosure, $"health and social work services (CPV {care})"));
        else if (PvgNamed().IsMatch(text))
            mandatory.Add(new CertificationRequirement(CertificationKind.PvgDisclosure, "the notice asks for PVG/Disclosure"));
        else if (VulnerablePeople().Match(text) is { Success: true } who)
            mandatory.Add(new CertificationRequirement(CertificationKind.PvgDisclosure, $"work with {who.Value.ToLowerInvariant()}"));
        if (CareInspectorate().IsMatch(text))
            mandatory.Add(new CertificationRequirement(CertificationKind.CareInspectorateRegistration, "the notice asks for Care Inspectorate registration"));
        var reserved = Reserved().IsMatch(text);
        if (reserved)
            mandatory.Add(new CertificationRequirement(CertificationKind.SupportedBusiness, "the contract is reserved for supported businesses"));

        var favoured = new List<CertificationKind> { CertificationKind.RealLivingWage };
        if (Iso9001().IsMatch(text)) favoured.Add(CertificationKind.Iso9001);
        if (!reserved && SupportedBusiness().IsMatch(text)) favoured.Add(CertificationKind.SupportedBusiness);

        return new LotRequirements(mandatory, favoured, MinimumTurnover(criteria, lot.Value?.Amount ?? (opportunity.Lots.Count == 1 ? opportunity.Value?.Amount : null)))
        {
            Insurance = opportunity.Insurance,
        };
    }

    /// <summary>The first turnover minimum in the lot's selection criteria, then the notice's.</summary>
    public static decimal? MinimumTurnover(IEnumerable<SelectionCriterion> criteria, decimal? lotValue)
    {
        foreach (var criterion in criteria)
        {
            foreach (var text in new[] { criterion.Minimum, criterion.Description })
            {
                if (string.IsNullOrEmpty(text)) continue;
                var amount = TurnoverAmount().Match(text);
                if (amount.Success && ParseAmount(amount.Groups["n"].Value, amount.Groups["unit"].Value) is { } value && value >= 1000) return value;
                if (lotValue is { } v && TurnoverTwice().IsMatch(text)) return 2 * v;
            }
        }

        return null;
    }

    private static decimal? ParseAmount(string digits, string unit)
    {
        if (!decimal.TryParse(digits.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return null;
        return unit.ToLowerInvariant() switch
        {
            "k" => n * 1000,
            "m" or "million" => n * 1_000_000,
            _ => n,
        };
    }

    [GeneratedRegex(@"\bPVG\b|Disclosure\s+Scotland|Protecting\s+Vulnerable\s+Groups|enhanced\s+disclosure", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PvgNamed();

    [GeneratedRegex(@"\b(children|young\s+people|vulnerable\s+(adults|people|groups|individuals))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VulnerablePeople();

    [GeneratedRegex(@"Care\s+Inspectorate", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CareInspectorate();

    [GeneratedRegex(@"reserved\s+(for|to)\s+supported\s+business|supported\s+business(es)?\s+only|reserved\s+contract", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"supported\s+business", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportedBusiness();

    [GeneratedRegex(@"ISO\s*9001", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Iso9001();

    [GeneratedRegex(@"turnover[^.£\d]{0,60}?(?:£|GBP\s*)?(?<n>\d[\d,]*(?:\.\d+)?)\s*(?<unit>k|m|million)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TurnoverAmount();

    [GeneratedRegex(@"turnover[^.]{0,80}?(twice|two\s+times|2\s+times|double)\s+the\s+(estimated\s+)?(annual\s+)?contract\s+value", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TurnoverTwice();
}
