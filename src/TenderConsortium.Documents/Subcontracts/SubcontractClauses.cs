using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;

namespace TenderConsortium.Documents.Subcontracts;

/// <summary>
/// The sub-contract's clauses. They are written by the engine, not the template, so the 30-day payment term cannot be
/// lost when a lead restyles the template, and the check that every sub-contract carries it reads for
/// <see cref="PaymentMarker"/>.
/// </summary>
public static class SubcontractClauses
{
    /// <summary>The words the adviser's check looks for in every issued sub-contract.</summary>
    public const string PaymentMarker = "days of receiving a valid and undisputed invoice";

    public const string FlowDownMarker = "flow down to every tier";

    /// <summary>
    /// The law of the buyer's jurisdiction governs the chain: Scots law for a Scottish buyer (Public Contracts Scotland,
    /// or a buyer region in Scotland), the law of Northern Ireland for a buyer there, otherwise the law of England and
    /// Wales (Contracts Finder, Find a Tender, Sell2Wales).
    /// </summary>
    public static string GoverningLaw(Opportunity opportunity)
    {
        var region = opportunity.Buyer.Region?.Trim() ?? "";
        if (opportunity.Source == NoticeSource.PublicContractsScotland || ScottishPlaces.Default.Resolve(region) is not null) return "Scots law";
        if (region.StartsWith("UKN", StringComparison.OrdinalIgnoreCase) || region.StartsWith("TLN", StringComparison.OrdinalIgnoreCase)) return "the law of Northern Ireland";
        return "the law of England and Wales";
    }

    public static ClausesView For(ConsortiumProfile profile, Opportunity opportunity, string currency, string unitText)
    {
        var law = GoverningLaw(opportunity);
        var courts = law switch { "Scots law" => "the Scottish courts", "the law of Northern Ireland" => "the courts of Northern Ireland", _ => "the courts of England and Wales" };
        var levels = opportunity.Insurance.Where(i => i.Amount is not null).Select(i => $"{i.Kind} of at least {Format.Money(i.Amount!.Amount, i.Amount.Currency)}").ToList();
        var days = profile.PaymentDays;
        return new ClausesView
        {
            Price = $"The Member is paid the unit price per {unitText} stated in the schedule above for the volume it delivers, fixed for the first contract year and then reviewed only as the main contract allows. "
                    + $"The Lead's management fee of {Format.Percent(profile.ManagementFee)} is charged to the Buyer on top of the Member's prices and is never deducted from them. Prices are in {currency} and exclude VAT.",
            Payment = $"The Lead shall pay the Member each sum due under this Sub-contract within {days} days of receiving a valid and undisputed invoice, whether or not the Buyer has yet paid the Lead. "
                      + "The Member shall include in every contract it awards for this work a term requiring payment within 30 days of a valid invoice, and that term shall flow down to every tier of the supply chain. "
                      + "A disputed part of an invoice does not delay payment of the rest. Late payment bears interest under the Late Payment of Commercial Debts (Interest) Act 1998.",
            Monitoring = "The Member sends the Lead a monitoring return by the tenth working day of each month covering volumes delivered by area, the key performance indicators above, social-value outcomes, "
                         + "complaints and incidents. The Lead consolidates the returns for the Buyer and shares the consolidated figures with every member.",
            SocialValue = "The Member delivers and reports the social-value commitments above; where the Buyer's contract sets community benefit requirements, the Member's share of them is as stated here.",
            Variation = "Either party may propose a variation in writing. A change to volume, area, price or start date takes effect only when signed by both parties and, where the main contract requires it, "
                        + "approved by the Buyer. Volume that must move between members is re-allocated under the consortium's published allocation rules, and each change is explained to the members affected.",
            Exit = "The Member may withdraw by giving three months' notice in writing; the Lead re-allocates its volume under the consortium's rules and seeks the Buyer's consent where needed. "
                   + "The Lead may end this Sub-contract if the Member commits a material breach not remedied within 30 days of notice. On exit the Member co-operates in the handover, "
                   + "provides employee information for any staff transfer (TUPE), returns the Buyer's data and records, and is paid for work delivered up to the exit date. "
                   + "This Sub-contract ends when the main contract ends or the Member's lots are no longer awarded to the Lead.",
            Insurance = "The Member holds, for the whole term and six years after for professional indemnity, the insurances the main contract requires of the supply chain"
                        + (levels.Count > 0 ? $" ({string.Join("; ", levels)})" : ", at the levels the Buyer's tender documents set")
                        + ", with employer's liability as the law requires, and shows the Lead its certificates at signature and at each renewal.",
            Safeguarding = "The Member follows the Buyer's and the Lead's safeguarding policies, ensures that everyone doing regulated work is a member of the PVG scheme (or holds the equivalent check where the work is delivered) "
                           + "before they start, names a safeguarding lead, and reports any concern to the Lead and the Buyer on the same day.",
            DataProtection = "Each party complies with the UK GDPR and the Data Protection Act 2018. The Member processes personal data of the Buyer's service users only on the Lead's documented instructions, as a processor (or sub-processor), "
                             + "keeps it secure, reports a breach to the Lead within 24 hours, and returns or deletes it when this Sub-contract ends.",
            Tupe = "Where the Transfer of Undertakings (Protection of Employment) Regulations 2006 apply at the start or end of this Sub-contract, the Member provides employee liability information when asked, "
                   + "bears the liabilities of staff who transfer to it from the date of transfer, and co-operates with any transfer to a successor.",
            StepIn = "If the Member becomes insolvent, stops delivering, or its registration needed for the work lapses, the Lead may step in: it may re-allocate the Member's volume to other members under the consortium's "
                     + "published rules at once, take over the Member's records for the service, and recover the reasonable extra cost of continuity; the Buyer is told the same day.",
            GoverningLaw = $"This Sub-contract is governed by {law}, the law of the Buyer's main contract, and the parties submit to the exclusive jurisdiction of {courts}.",
        };
    }
}
