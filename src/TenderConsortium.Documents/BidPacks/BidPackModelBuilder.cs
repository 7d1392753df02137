using System.Globalization;
using AutoMapper;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;

namespace TenderConsortium.Documents.BidPacks;

/// <summary>
/// Writes the bid pack's words from the facts: records are mapped with AutoMapper; the sentences that combine several
/// facts (the cover letter, governance, each lot's coverage) are composed here. The checks appendix is filled later.
/// </summary>
public sealed class BidPackModelBuilder(IMapper mapper)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public BidPackDocument Build(BidPackFacts facts)
    {
        var input = facts.Input;
        var profile = input.Profile;
        var opportunity = mapper.Map<OpportunityView>(input.Opportunity);
        var currency = facts.Pricing.Currency;
        var lots = LotOrder.Sort(input.Opportunity.Lots, l => l.Id).Select(lot => Lot(facts, lot.Id)).ToList();
        var bidLots = input.Allocation.Lots.Count(l => l.Covered > 0 && l.Shares.Any(s => s.Volume > 0));

        return new BidPackDocument
        {
            Consortium = mapper.Map<ConsortiumView>(profile),
            Opportunity = opportunity,
            Cover = new CoverView
            {
                Date = Format.Day(input.AsOf),
                Opening = $"{profile.LeadName} submits this tender for \"{input.Opportunity.Title}\" (reference {opportunity.Reference}) on behalf of {profile.Name}, "
                          + $"a consortium of {facts.Delivering.Count} social enterprises. {profile.LeadName} is the single bidder and prime contractor; the members named in this pack "
                          + "deliver the services as its sub-contractors, under sub-contracts that flow down every obligation of the contract, including payment within 30 days of a valid invoice.",
                Offer = $"We bid for {bidLots} of the notice's {input.Opportunity.Lots.Count} lots at a total price of {Format.Money(facts.Pricing.Total, currency)}, "
                        + $"which includes the consortium's management fee of {Format.Percent(facts.Pricing.FeeRate)} ({Format.Money(facts.Pricing.Fee, currency)}), shown openly in the pricing schedule.",
                Closing = "We confirm that the information in this pack is accurate to the best of our knowledge and that each member named has declared the capacity allocated to it. "
                          + "We would welcome the opportunity to discuss our bid.",
            },
            Governance = Governance(facts),
            Members = facts.Delivering.Select(m =>
            {
                var view = mapper.Map<MemberView>(m);
                view.Lots = string.Join(", ", LotOrder.Sort(input.Allocation.Lots, l => l.LotId).Where(l => l.Shares.Any(s => s.MemberId == m.Id && s.Volume > 0)).Select(l => l.LotId));
                return view;
            }).ToList(),
            Lots = lots,
            Criteria = facts.Compliance.Count > 0
                ? mapper.Map<List<CriterionView>>(facts.Compliance)
                : [new CriterionView { Kind = "-", Lot = "all lots", Criterion = "The notice publishes no award or selection criteria", Weight = "-", Section = "every section", Reason = "nothing to map" }],
            SocialValue = SocialValue(facts),
            Risks = mapper.Map<List<RiskView>>(facts.Risks),
            Spd = new SpdView
            {
                LeadRole = facts.Spd.LeadRole,
                GroupName = facts.Spd.GroupName,
                GroupMembers = string.Join("; ", facts.Spd.GroupMembers),
                LeadAnswers = facts.Spd.LeadAnswers,
                LeadSubcontracted = facts.Spd.LeadSubcontracted,
                ReliedOn = facts.Spd.ReliedOn,
                Members = mapper.Map<List<SpdMemberView>>(facts.Spd.Members),
            },
            Pricing = new PricingSummaryView
            {
                Note = $"Members' prices are volume × unit price as each member declared; the lead's management fee of {Format.Percent(facts.Pricing.FeeRate)} is added per lot "
                       + "and shown openly. " + PriceBasis(facts) + " The full schedule, with the formulas behind every total, is the pricing spreadsheet submitted with this pack.",
                Lots = mapper.Map<List<PricingLotView>>(facts.Pricing.Lots, o => o.Items[DocumentProfile.CurrencyItem] = currency),
                Members = Format.Money(facts.Pricing.Subtotal, currency),
                Fee = Format.Money(facts.Pricing.Fee, currency),
                Total = Format.Money(facts.Pricing.Total, currency),
            },
        };
    }

    private static GovernanceView Governance(BidPackFacts facts)
    {
        var input = facts.Input;
        var profile = input.Profile;
        var rules = input.Rules;
        var forms = facts.Delivering.GroupBy(m => LegalForms.Label(m.Member.LegalForm)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}").ToList();
        return new GovernanceView
        {
            OperatingModel = $"{profile.Name} works as a lead-partner consortium. {profile.LeadName} is the consortium body: it bids, signs the contract with {input.Opportunity.Buyer.Name} "
                             + $"and is accountable for all of it. Its {facts.Delivering.Count} delivering members are independent social enterprises ({(forms.Count == 0 ? "none yet" : string.Join(", ", forms))}) "
                             + "that deliver the work as its sub-contractors. The consortium exists to win work its members could not bid for alone: the lead brokers the work and does not compete with its members for delivery.",
            // Facts the profile lacks are left out of the sentence (the lead-facts check names them), never filled with a stand-in.
            LeadAuthority = $"{profile.LeadName}{LeadIdentity(profile)} is authorised by its members to bid on their behalf and to sign the contract"
                            + (profile.Signatory.Length > 0 ? $"; {profile.Signatory} signs for the lead" : "") + ". The lead manages the contract, reports to the buyer, invoices the buyer and pays each member within "
                            + $"{profile.PaymentDays} days of a valid invoice, whether or not the buyer has paid.",
            DecisionMaking = string.Create(Invariant,
                $"Work is shared by rules the members agreed, applied the same way to every member and explained share by share: no member receives more than {rules.MaxSharePerMember * 100:0.#}% of a lot; "
                + $"a micro member (fewer than {rules.MicroStaffBelow} staff) that declared receives at least {rules.MicroMinShare * 100:0.#}% of the lot where it can; price, quality, social value and locality are weighed "
                + $"{rules.PriceWeight:0.##}, {rules.QualityWeight:0.##}, {rules.SocialValueWeight:0.##} and {rules.LocalityWeight:0.##}; and concentration becomes progressively dearer so that work is spread. "
                + $"The lead may change a share only with a recorded reason, which the member sees. This pack uses allocation round {input.AllocationRound}."),
            MembershipChanges = "A social enterprise joins by decision of the members and is then invited to declare for the opportunities that match it. A member that withdraws gives three months' notice; "
                                + "its shares are re-allocated to the other members under the same rules, and the buyer's consent is sought where the contract requires it for a change of sub-contractor. "
                                + "A member that does not perform after notice may be replaced in the same way.",
        };
    }

    private static string LeadIdentity(ConsortiumProfile profile)
    {
        var parts = new[] { profile.LeadRegistration.Length > 0 ? "registration " + profile.LeadRegistration : "", profile.LeadAddress }.Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    /// <summary>
    /// Whether the prices are for the whole contract or a year, said in the pack and the schedule, and what it rests on:
    /// the volumes are the lots' demand over the contract, whose length is the notice's contract period, and the
    /// notice's estimated value is for the whole contract, so the total and the estimate compare like for like.
    /// </summary>
    public static string PriceBasis(BidPackFacts facts)
    {
        var opportunity = facts.Input.Opportunity;
        var term = ContractTerm.Of(opportunity);
        var estimate = opportunity.Value is { Amount: > 0 } value
            ? $" The buyer's estimate ({Format.Money(value)}) is the notice's value for the whole contract, so the total compares with it like for like."
            : "";
        if (term.Years is not { } years)
            return "Prices are for the whole volume allocated, which is the whole contract; the notice gives no contract length to state a price per year." + estimate;
        var perYear = PricingSchedule.Round(facts.Pricing.Total / years);
        return string.Create(Invariant, $"Prices are for the whole contract ({years:0.##} years, the volumes allocated for its whole length), not per year; per year that is about {Format.Money(perYear, facts.Pricing.Currency)}. ")
               + $"The length is the notice's contract period: {Unbracketed(Format.Period(ContractTerm.PeriodOf(opportunity)))}.{estimate}";
    }

    /// <summary>"(1,080 days)" alone reads as "1,080 days" inside a sentence.</summary>
    private static string Unbracketed(string period) => period.StartsWith('(') && period.EndsWith(')') ? period[1..^1] : period;

    private static LotView Lot(BidPackFacts facts, string lotId)
    {
        var input = facts.Input;
        var lot = input.Opportunity.Lots.First(l => l.Id == lotId);
        var allocation = input.Allocation.Lots.FirstOrDefault(l => l.LotId == lotId);
        var terms = input.TermsOf(lotId);
        var unit = allocation?.Unit ?? terms.Unit;
        var demand = allocation?.Demand ?? terms.Demand;
        var shares = (allocation?.Shares ?? []).Where(s => s.Volume > 0).ToList();
        // What the buyer reads is what is offered; demand the consortium has not covered is for the lead (lots-covered check).
        var coverage = shares.Count == 0 ? "no offer for this lot"
            : allocation!.Uncovered == 0 ? $"covered in full by {shares.Count} member{(shares.Count == 1 ? "" : "s")}"
            : $"{Format.Volume(allocation.Covered, unit)} offered by {shares.Count} member{(shares.Count == 1 ? "" : "s")}";
        return new LotView
        {
            Id = lot.Id,
            Title = lot.Title,
            Summary = $"Demand: {Format.Volume(demand, unit)} in {Format.Places(lot.Places)}; contract {Format.Period(lot.ContractPeriod ?? input.Opportunity.ContractPeriod)}; estimated value {Format.Money(lot.Value)}.",
            Coverage = coverage,
            Shares = shares.Select(share =>
            {
                var declared = input.DeclarationOf(share.MemberId)?.Lot(lotId);
                return new ShareView
                {
                    Member = input.Member(share.MemberId)?.Member.Name ?? share.MemberName,
                    Volume = Format.Volume(share.Volume, unit),
                    Percent = share.PercentOfLot.ToString("0.#", Invariant) + "%",
                    Areas = declared is null || declared.Areas.Count == 0 ? Format.Places(input.Member(share.MemberId)?.Member.ServiceAreas ?? []) : Format.Places(declared.Areas),
                    From = declared is null ? "to be agreed" : Format.Day(declared.EarliestStart),
                    Staff = declared is null ? "-" : $"{declared.Staff} staff" + (declared.KeyRoles.Count == 0 ? "" : "; " + string.Join(", ", declared.KeyRoles)),
                    // The table names the member and volume beside it, so the column gives the reasons alone; the solver's
                    // reasons already name the lead's reason for a share it set, so it is said once.
                    Why = share.OverrideReason is null || share.Reasons().Contains(share.OverrideReason, StringComparison.Ordinal)
                        ? share.Reasons()
                        : $"{share.Reasons()} (set by the lead: {share.OverrideReason})",
                };
            }).ToList(),
        };
    }

    private SocialValueView SocialValue(BidPackFacts facts)
    {
        var summary = facts.SocialValue;
        var community = facts.Input.Opportunity.CommunityBenefits
            ? " The notice asks for community benefits (Procurement Reform (Scotland) Act 2014, sections 24 and 25); the commitments below are the consortium's offer, each delivered and reported by the member named."
            : "";
        var members = summary.Totals.SelectMany(t => t.By.Select(b => b.MemberId)).Distinct().Count();
        return new SocialValueView
        {
            Introduction = summary.Totals.Count == 0
                ? "No member has yet made a quantified social-value commitment for the lots it delivers." + community
                : $"{members} members commit to {summary.Totals.Count} social-value measures. A commitment a member declared for several lots is counted once, "
                  + "and only for lots it delivers, so the totals do not double count; each is attributed to the member that will deliver and report it." + community,
            Measures = mapper.Map<List<SocialValueMeasureView>>(summary.Totals),
            Commitments = summary.Totals.SelectMany(t => t.By.Select(b =>
            {
                var view = mapper.Map<SocialValueCommitmentView>(b);
                view.Measure = t.MeasureId;
                view.Unit = t.Unit;
                return view;
            })).ToList(),
        };
    }
}
