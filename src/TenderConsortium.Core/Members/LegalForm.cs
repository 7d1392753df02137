namespace TenderConsortium.Core.Members;

/// <summary>
/// How a member is constituted. It decides asset lock, who may sign, and eligibility for reserved contracts
/// (e.g. Italian type-B social co-operatives, which employ disadvantaged workers).
/// </summary>
public enum LegalForm
{
    CommunityInterestCompany,
    Scio,
    Charity,
    CompanyLimitedByGuarantee,
    Cooperative,
    CooperativaSocialeTypeA,
    CooperativaSocialeTypeB,
    Other,
}
