using TenderConsortium.Core.BidPacks;
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

    public static ClausesView For(ConsortiumProfile profile, string currency, string unitText)
    {
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
        };
    }
}
