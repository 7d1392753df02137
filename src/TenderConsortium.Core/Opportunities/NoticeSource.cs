namespace TenderConsortium.Core.Opportunities;

/// <summary>Where a notice was published; each OCDS publisher has its own quirks (DESIGN.md section 5).</summary>
public enum NoticeSource
{
    PublicContractsScotland,
    ContractsFinder,
    Sell2Wales,
    FindATender,
    OtherOcds,

    /// <summary>Entered in our own notice format: Quick Quotes, invitations, anything not published as OCDS.</summary>
    Manual,
}
