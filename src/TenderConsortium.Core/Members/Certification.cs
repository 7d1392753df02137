namespace TenderConsortium.Core.Members;

/// <param name="Name">As the member wrote it, so "Cyber Essentials Plus" survives as an Other certification.</param>
/// <param name="Expires">Null for certifications that do not lapse (e.g. supported business status until revoked).</param>
public sealed record Certification(CertificationKind Kind, string Name, DateOnly? Expires)
{
    private static readonly (string Key, CertificationKind Kind)[] Keys =
    [
        ("pvg", CertificationKind.PvgDisclosure), ("disclosure", CertificationKind.PvgDisclosure), ("pvgdisclosure", CertificationKind.PvgDisclosure),
        ("careinspectorate", CertificationKind.CareInspectorateRegistration), ("careinspectorateregistration", CertificationKind.CareInspectorateRegistration),
        ("reallivingwage", CertificationKind.RealLivingWage), ("rlw", CertificationKind.RealLivingWage), ("livingwage", CertificationKind.RealLivingWage),
        ("iso9001", CertificationKind.Iso9001),
        ("secode", CertificationKind.SocialEnterpriseCode), ("socialenterprisecode", CertificationKind.SocialEnterpriseCode),
        ("supportedbusiness", CertificationKind.SupportedBusiness),
    ];

    public static CertificationKind KindOf(string name)
    {
        var key = new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        foreach (var (k, kind) in Keys)
            if (key == k) return kind;
        return Enum.GetValues<CertificationKind>().FirstOrDefault(k => k.ToString().Equals(key, StringComparison.OrdinalIgnoreCase), CertificationKind.Other);
    }

    public bool IsValidOn(DateOnly day) => Expires is null || Expires.Value >= day;
}
