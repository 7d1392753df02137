namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The sections of a bid pack, by the id that word limits, the compliance matrix and the checks use. The titles are
/// what the compliance matrix tells the buyer to read, so they match the headings of the shipped template.
/// </summary>
public static class BidPackSections
{
    public const string Cover = "cover";
    public const string Governance = "governance";
    public const string Delivery = "delivery";
    public const string Capability = "capability";
    public const string Compliance = "compliance";
    public const string SocialValue = "socialValue";
    public const string Risks = "risks";
    public const string Spd = "spd";
    public const string Pricing = "pricing";

    /// <summary>Not a section: the limit on each member's capability statement.</summary>
    public const string MemberStatement = "memberStatement";

    public static IReadOnlyList<string> All { get; } = [Cover, Governance, Delivery, Capability, Compliance, SocialValue, Risks, Spd, Pricing, MemberStatement];

    public static string Title(string section) => section switch
    {
        Cover => "1. Cover letter",
        Governance => "2. Consortium structure and governance",
        Delivery => "3. Delivery model",
        Capability => "4. Member capability statements",
        Compliance => "5. Compliance matrix",
        SocialValue => "6. Social value and community benefits",
        Risks => "7. Risk register",
        Spd => "8. SPD checklist",
        Pricing => "9. Pricing summary and pricing schedule (pricing.xlsx)",
        MemberStatement => "4. Member capability statements (each member)",
        _ => section,
    };
}
