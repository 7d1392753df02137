using System.Globalization;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The risks the sector names for consortium delivery (DESIGN.md §2) assessed on this bid's own figures: how exposed
/// each lot is to its biggest member withdrawing, members' prompt-payment records, TUPE mentions in the notice, the
/// lead's own share and fee, and the demand nobody covers.
/// </summary>
public static class RiskRegister
{
    public static IReadOnlyList<RiskEntry> For(BidPackInput input, PricingSchedule pricing)
    {
        var culture = CultureInfo.InvariantCulture;
        var risks = new List<RiskEntry>();

        var exposed = new List<string>();
        foreach (var lot in input.Allocation.Lots.Where(l => l.Shares.Any(s => s.Volume > 0)))
        {
            var largest = lot.Shares.OrderByDescending(s => s.Volume).ThenBy(s => s.MemberId, StringComparer.Ordinal).First();
            var spare = lot.Shares.Where(s => s.MemberId != largest.MemberId)
                .Sum(s => Math.Max(0, (input.DeclarationOf(s.MemberId)?.Lot(lot.LotId)?.Volume ?? s.Volume) - s.Volume));
            if (spare < largest.Volume)
                exposed.Add(string.Create(culture, $"lot {lot.LotId} ({largest.MemberName}: {largest.Volume:N0} {lot.Unit}, spare {spare:N0})"));
        }

        risks.Add(new RiskEntry("withdrawal", "A member withdraws before or during the contract",
            exposed.Count == 0 ? "Low" : "Medium", exposed.Count == 0 ? "Low" : "High",
            (exposed.Count == 0
                ? "In every lot the spare capacity other members declared covers the largest member's share. "
                : $"Spare declared capacity would not cover the largest member in {string.Join("; ", exposed)}; the lead keeps a reserve list for these lots. ")
            + "A withdrawal re-runs the allocation without the member (its shares are offered to the others under the same rules) and the buyer is told of any substitution; members give three months' notice under their sub-contract.",
            input.Profile.LeadName));

        var slow = input.Declarations.Where(d => d.Spd.InvoicesPaidOnTimePercent is < 95m)
            .Select(d => string.Create(culture, $"{input.Member(d.MemberId)?.Member.Name ?? d.MemberId} ({d.Spd.InvoicesPaidOnTimePercent:0.#}%)")).ToList();
        risks.Add(new RiskEntry("cash-flow", "Cash flow and late payment down the chain",
            slow.Count == 0 ? "Low" : "Medium", "High",
            $"The lead pays each member within {input.Profile.PaymentDays} days of a valid invoice whether or not the buyer has paid, and every sub-contract flows the same term down to the member's own suppliers. "
            + (slow.Count == 0 ? "Every member reports paying at least 95% of invoices on time (asked in Part 4C.4 of the Single Procurement Document, SPD)." : $"Members below 95% on time (Part 4C.4 of the Single Procurement Document, SPD): {string.Join(", ", slow)}; the lead monitors their supplier payments monthly."),
            input.Profile.LeadName));

        var text = string.Join(' ', new[] { input.Opportunity.Description, input.Opportunity.AdditionalInformation }.Concat(input.Opportunity.Lots.Select(l => l.Description)).Where(t => t is not null));
        var tupe = text.Contains("TUPE", StringComparison.OrdinalIgnoreCase) || text.Contains("Transfer of Undertakings", StringComparison.OrdinalIgnoreCase);
        risks.Add(new RiskEntry("tupe", "Staff transfer (TUPE) from the incumbent provider",
            tupe ? "High" : "Low", tupe ? "High" : "Medium",
            (tupe ? "The notice mentions TUPE. " : "The notice does not mention TUPE; the lead asks the buyer to confirm. ")
            + "The lead requests employee liability information before pricing is final, members price transferring staff on their actual terms, and transfers are allocated to the member delivering the work in that area.",
            input.Profile.LeadName));

        // Safeguarding and registration: the sector's own risks when the lots are regulated care or work with vulnerable people.
        var demands = input.Opportunity.Lots.Select(l => Matching.RequirementRules.For(input.Opportunity, l)).ToList();
        var pvg = demands.Any(d => d.Mandatory.Any(m => m.Kind == Members.CertificationKind.PvgDisclosure));
        var registered = demands.Any(d => d.Mandatory.Any(m => m.Kind == Members.CertificationKind.CareInspectorateRegistration));
        risks.Add(new RiskEntry("safeguarding", "Safeguarding of the people the service supports",
            pvg ? "Medium" : "Low", pvg ? "High" : "Medium",
            (pvg ? "The work is regulated work with children or vulnerable adults: every member's staff in it hold PVG scheme membership before they start, checked by the lead. "
                 : "The notice does not point to regulated work; members still follow their safeguarding policies. ")
            + "Each member names a safeguarding lead, reports concerns to the lead body and the buyer the same day, and the lead keeps one consortium-wide log and reviews it quarterly.",
            input.Profile.LeadName));
        risks.Add(new RiskEntry("registration", "A member's registration or inspection grade lapses",
            registered ? "Medium" : "Low", registered ? "High" : "Medium",
            (registered ? "The service must be registered with the Care Inspectorate: only registered members deliver it, and the lead tracks each member's registration and latest grades. "
                        : "No registration is named by the notice; the lead confirms with the buyer whether one applies. ")
            + "A member whose registration lapses or whose grades fall below what the buyer requires stops delivering the affected service; its share is re-allocated under the same rules while it recovers.",
            input.Profile.LeadName));
        risks.Add(new RiskEntry("member-failure", "A member fails financially or cannot deliver mid-contract",
            "Low", "High",
            "The lead checks members' accounts at admission and yearly, pays them within the contract's terms so they are not carrying the buyer's payment cycle, and holds step-in rights in every sub-contract: "
            + "on a member's failure the lead re-allocates its work to other members under the same rules, with TUPE applied to its staff where it applies, and tells the buyer at once.",
            input.Profile.LeadName));

        var leadIsMember = input.Members.Any(m => string.Equals(m.Member.Name, input.Profile.LeadName, StringComparison.OrdinalIgnoreCase));
        risks.Add(new RiskEntry("in-housing", "The lead takes work in-house instead of passing it to members",
            leadIsMember ? "Medium" : "Low", "High",
            string.Create(culture, $"Shares are set by the consortium's published rules (cap {input.Rules.MaxSharePerMember * 100:0.#}% of a lot per member, micro-member floor {input.Rules.MicroMinShare * 100:0.#}%), each explained in words; the lead's overrides are recorded with reasons. ")
            + string.Create(culture, $"The lead's management fee is {pricing.FeeRate * 100:0.0}% ({Money.Text(pricing.Fee, pricing.Currency)}), shown openly in the pricing schedule. ")
            + (leadIsMember ? "The lead body is also a member and is bound by the same cap." : "The lead body delivers no volume itself."),
            "Consortium board"));

        var gaps = input.Allocation.Lots.Where(l => l.Uncovered > 0).Select(l => string.Create(culture, $"lot {l.LotId}: {l.Uncovered:N0} of {l.Demand:N0} {l.Unit}")).ToList();
        risks.Add(new RiskEntry("capacity", "Capacity gaps: demand no member has declared",
            gaps.Count == 0 ? "Low" : "High", gaps.Count == 0 ? "Low" : "High",
            gaps.Count == 0
                ? "Every lot's demand is covered by members' declarations; members keep their declared staff and key roles available from the start dates shown."
                // The figures of what is not covered are for the lead (the lots-covered check), never for the buyer.
                : "Members keep their declared staff and key roles available from the start dates shown; the lead keeps a reserve list of further members and partners for every lot and calls on it before any shortfall reaches the service.",
            input.Profile.LeadName));
        return risks;
    }
}
