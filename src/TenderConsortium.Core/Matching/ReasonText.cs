using System.Globalization;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// The plain words of reasons and exclusions. They are part of the contract (tests assert them word for word and
/// leads read them in emails), so every phrase is built here and nowhere else.
/// </summary>
public static class ReasonText
{
    /// <summary>
    /// Why the member's work fits the lot, naming both services from CPV 2008 (the lead reads it next to the member's
    /// name, so it has no subject, like "serves Glasgow City"): "offers taxi services (CPV 60120000), which this lot asks for".
    /// </summary>
    public static string Cpv(string lotCode, string memberCode, CpvCloseness closeness)
    {
        var lot = CpvCatalogue.Default.Service(lotCode);
        var member = CpvCatalogue.Default.Service(memberCode);
        if (lotCode == memberCode) return $"offers {lot}, which this lot asks for";
        if (CpvRelations.IsUnder(lotCode, memberCode)) return $"offers {member}, which covers the {lot} this lot asks for";
        if (CpvRelations.IsUnder(memberCode, lotCode)) return $"offers {member}, part of the {lot} this lot asks for";
        return closeness switch
        {
            CpvCloseness.Category or CpvCloseness.Class => $"offers {member}, close to the {lot} this lot asks for",
            CpvCloseness.Group => $"offers {member}, related to the {lot} this lot asks for",
            _ => $"offers {member}, in the same field as the {lot} this lot asks for",
        };
    }

    public static string Text(IEnumerable<string> words) => $"the notice mentions {string.Join(", ", words)}";

    public static string Serves(IReadOnlyList<string> placeNames) => $"serves {string.Join(", ", placeNames)}";

    public static string ServesPartOfScotland(IReadOnlyList<string> placeNames) => $"serves {string.Join(", ", placeNames)}, part of Scotland";

    public static string DoesNotServe(IReadOnlyList<string> placeNames) => $"does not serve {string.Join(" or ", placeNames)}";

    public static string Holds(CertificationKind kind) => kind switch
    {
        CertificationKind.PvgDisclosure => "PVG certified",
        CertificationKind.CareInspectorateRegistration => "Care Inspectorate registered",
        CertificationKind.RealLivingWage => "Real Living Wage accredited",
        CertificationKind.Iso9001 => "ISO 9001 certified",
        CertificationKind.SocialEnterpriseCode => "signed the Social Enterprise Code",
        CertificationKind.SupportedBusiness => "Supported Business",
        _ => kind.ToString(),
    };

    public static string Label(CertificationKind kind) => kind switch
    {
        CertificationKind.PvgDisclosure => "PVG",
        CertificationKind.CareInspectorateRegistration => "Care Inspectorate registration",
        CertificationKind.RealLivingWage => "Real Living Wage",
        CertificationKind.Iso9001 => "ISO 9001",
        CertificationKind.SocialEnterpriseCode => "SE Code",
        CertificationKind.SupportedBusiness => "Supported Business status",
        _ => kind.ToString(),
    };

    public static string Required(CertificationRequirement requirement) => $"{Label(requirement.Kind)} required: {requirement.Why}";

    public static string MissingCertification(CertificationRequirement requirement) => $"no {Label(requirement.Kind)} ({requirement.Why})";

    public static string ExpiredCertification(CertificationKind kind, DateOnly expired, DateOnly checkedOn, bool isDeadline) =>
        $"{Label(kind)} expired on {Day(expired)}, before {(isDeadline ? "the deadline " : "")}{Day(checkedOn)}";

    public static string TurnoverRequired(decimal minimum) =>
        $"the bidder's turnover must be at least {Amount(minimum)}: checked once for the consortium as bidder, not asked of each member";

    public static string InsuranceRequired(Opportunities.InsuranceRequirement insurance) => insurance.Amount is { } amount
        ? $"the bidder must hold {insurance.Kind} cover of {Amount(amount.Amount)}: checked once for the consortium as bidder, not asked of each member"
        : $"the bidder must hold the insurance the tender documents set: checked once for the consortium as bidder, not asked of each member";

    public static string Conflict(string buyer) => $"declared a conflict of interest with {buyer}";

    public static string SizeFits(decimal capacity, decimal lotValue) => $"takes contracts up to {Amount(capacity)}; the lot is {Amount(lotValue)}";

    public static string SizePart(decimal capacity, decimal lotValue) => $"takes contracts up to {Amount(capacity)}, part of the {Amount(lotValue)} lot";

    public static string Rotation(RotationHistory history) =>
        $"rotation: {history.Invitations} invitation{(history.Invitations == 1 ? "" : "s")} and {history.Awards} award{(history.Awards == 1 ? "" : "s")} recently";

    public static string NoCpvCover(string code, string lotId) =>
        CpvCatalogue.Default.Find(code) is { } entry
            ? $"no member covers CPV {code} ({entry.Description}) for lot {lotId}"
            : $"no member covers CPV {code} for lot {lotId}";

    /// <summary>"2 members do this work (CPV 85310000, Social work services) but none serves North Ayrshire for lot 1".</summary>
    public static string DoWorkElsewhere(int members, string code, IReadOnlyList<string> placeNames, string lotId)
    {
        var work = CpvCatalogue.Default.Find(code) is { } entry ? $"CPV {code}, {entry.Description}" : $"CPV {code}";
        return $"{members} member{(members == 1 ? " does" : "s do")} this work ({work}) but none serves {string.Join(" or ", placeNames)} for lot {lotId}";
    }

    public static string NoPlaceCover(string placeName, string lotId) => $"no member serves {placeName} for lot {lotId}";

    public static string NoEligibleMember(string lotId) => $"no eligible member for lot {lotId}";

    /// <summary>"300k", "2.5m", "45.5k", "950": how leads write amounts.</summary>
    public static string Amount(decimal amount) => amount switch
    {
        >= 1_000_000 => (amount / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "m",
        >= 1_000 => (amount / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => amount.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
