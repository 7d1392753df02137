namespace TenderConsortium.Core.Opportunities;

/// <summary>Recognises the publisher from the OCID prefix that OCDS assigns to each publisher.</summary>
public static class NoticeSources
{
    public static NoticeSource FromOcid(string ocid) => ocid switch
    {
        _ when ocid.StartsWith("ocds-r6ebe6", StringComparison.OrdinalIgnoreCase) => NoticeSource.PublicContractsScotland,
        _ when ocid.StartsWith("ocds-b5fd17", StringComparison.OrdinalIgnoreCase) => NoticeSource.ContractsFinder,
        _ when ocid.StartsWith("ocds-kuma6s", StringComparison.OrdinalIgnoreCase) => NoticeSource.Sell2Wales,
        _ when ocid.StartsWith("ocds-h6vhtk", StringComparison.OrdinalIgnoreCase) => NoticeSource.FindATender,
        _ => NoticeSource.OtherOcds,
    };
}
