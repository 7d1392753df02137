namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Where a failed check is fixed, in the words of the people who fix it: the adviser reads it beside each failed check
/// and the lead acts on it. Every fix ends with a new pack version, since the checks are those of one version.
/// </summary>
public static class CheckRemedies
{
    private const string Rebuild = " Then build the pack again (the lead's revision step: \"Assemble the bid pack again\").";

    public static string WhereToFix(string checkId) => checkId switch
    {
        "lots-covered" => "Lead: invite more members or ask members to declare more, then re-run the allocation (revision step: \"Back to allocation\").",
        "allocations-match" => "Lead: the allocation — set the share again with a recorded reason, or re-run it from the declarations (\"Back to allocation\").",
        "spd-items" => "Members: the Single Procurement Document (SPD) is the standard form buyers use to check bidders; each member gives its figures for it in its declaration (turnover, insurance, invoices paid on time); the lead asks the member named to declare again." + Rebuild,
        "subcontract-payment" => "Lead: the sub-contract template, or the days within which members are paid (at most 30) in the bid's settings." + Rebuild,
        "social-value" => "Members: the social value commitments in their declarations (a known measure, its unit and a quantity)." + Rebuild,
        "pricing-consistent" => "Lead: the pricing spreadsheet template must keep the formulas the consortium ships with it." + Rebuild,
        "word-limits" => "Lead: shorten the section named, or the member's capability statement in the member registry; or set the word limits in the bid's settings to the buyer's." + Rebuild,
        "deadline" => "Nobody in the consortium can move it: confirm the deadline with the buyer, and submit on time or withdraw the bid.",
        "lead-facts" => "Lead: the consortium's profile on the settings page (registration number, registered address, who signs and their role)." + Rebuild,
        "certifications" => "Member named: renew the certificate and send its new expiry date; the lead updates it in the member registry (the Members page)." + Rebuild,
        "price-sanity" => "Lead and members: the declared volumes and unit prices, and the lot terms (unit and demand) set when the bid started; check the price basis against the notice." + Rebuild,
        _ => "Lead: read what the check found, fix it at its source." + Rebuild,
    };
}
