namespace TenderConsortium.Core.Members;

/// <summary>Certifications that buyers ask for and matching can require; anything else is kept as Other with its name.</summary>
public enum CertificationKind
{
    PvgDisclosure,
    CareInspectorateRegistration,
    RealLivingWage,
    Iso9001,
    SocialEnterpriseCode,
    SupportedBusiness,
    Other,
}
