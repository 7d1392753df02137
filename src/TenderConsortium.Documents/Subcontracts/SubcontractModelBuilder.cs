using AutoMapper;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;

namespace TenderConsortium.Documents.Subcontracts;

/// <summary>One sub-contract per member with volume in an awarded lot: its lines, KPIs and commitments, and the clauses.</summary>
public sealed class SubcontractModelBuilder(IMapper mapper)
{
    public IReadOnlyList<(BidPackMember Member, SubcontractDocument Document)> Build(BidPackFacts facts)
    {
        var input = facts.Input;
        var consortium = mapper.Map<ConsortiumView>(input.Profile);
        var opportunity = mapper.Map<OpportunityView>(input.Opportunity);
        var currency = facts.Pricing.Currency;
        var result = new List<(BidPackMember, SubcontractDocument)>();
        foreach (var member in facts.Delivering)
        {
            var lines = facts.Pricing.Lots.Where(l => input.IsAwarded(l.LotId))
                .SelectMany(l => l.Lines.Where(x => x.MemberId == member.Id).Select(x => (Lot: l, Line: x)))
                .ToList();
            if (lines.Count == 0) continue;
            var declaration = input.DeclarationOf(member.Id);
            var view = mapper.Map<MemberView>(member);
            view.Lots = string.Join(", ", lines.Select(x => x.Lot.LotId));
            var units = lines.Select(x => x.Line.Unit).Distinct().ToList();
            var document = new SubcontractDocument
            {
                Consortium = consortium,
                Opportunity = opportunity,
                Member = view,
                Subcontract = new SubcontractView
                {
                    Reference = $"{input.Opportunity.Reference ?? input.Opportunity.Ocid} / {member.Member.RegistrationNumber}",
                    Scope = $"{member.Member.Name} delivers, as sub-contractor to {input.Profile.LeadName}, the services of \"{input.Opportunity.Title}\" described in the contract between the Lead and "
                            + $"{input.Opportunity.Buyer.Name}, for the lots, volumes and areas below, to the same standards the Buyer requires of the Lead.",
                    Lines = lines.Select(x =>
                    {
                        var declared = declaration?.Lot(x.Lot.LotId);
                        return new SubcontractLineView
                        {
                            Lot = x.Lot.LotId,
                            Title = x.Lot.Title,
                            Volume = Format.Whole(x.Line.Volume),
                            Unit = Format.Unit(x.Line.Unit),
                            Areas = Format.Places(declared?.Areas.Count > 0 ? declared.Areas : member.Member.ServiceAreas),
                            From = declared is null ? "to be agreed" : Format.Day(declared.EarliestStart),
                            UnitPrice = Format.Money(x.Line.UnitPrice, currency),
                            Value = Format.Money(x.Line.Total, currency),
                        };
                    }).ToList(),
                    Total = Format.Money(lines.Sum(x => x.Line.Total), currency),
                    Kpis = Kpis(lines.Select(x => (x.Lot.LotId, x.Line.Volume, x.Line.Unit)), declaration),
                    SocialValue = facts.SocialValue.Totals.SelectMany(t => t.By.Where(b => b.MemberId == member.Id).Select(b =>
                    {
                        var commitment = mapper.Map<SocialValueCommitmentView>(b);
                        commitment.Measure = $"{t.MeasureId}: {t.Description}";
                        commitment.Unit = t.Unit;
                        return commitment;
                    })).ToList(),
                },
                Clauses = SubcontractClauses.For(input.Profile, input.Opportunity, currency, units.Count == 1 ? Format.UnitSingular(units[0]) : "unit"),
            };
            result.Add((member, document));
        }

        return result;
    }

    private static List<KpiView> Kpis(IEnumerable<(string LotId, long Volume, string Unit)> lines, CapacityDeclaration? declaration)
    {
        var kpis = lines.Select(l => new KpiView
        {
            Kpi = $"Lot {l.LotId}: volume delivered",
            Target = $"{Format.Volume(l.Volume, l.Unit)} over the contract, at least 95% of the monthly profile",
            Return = "volumes delivered by council area",
            Frequency = "monthly",
        }).ToList();
        kpis.Add(new KpiView { Kpi = "Service start", Target = declaration?.Lots.Count > 0 ? "from " + Format.Day(declaration.Lots.Min(l => l.EarliestStart)) : "as agreed", Return = "mobilisation report", Frequency = "once" });
        kpis.Add(new KpiView { Kpi = "Paying own suppliers on time", Target = "at least 95% of invoices within 30 days", Return = "invoices paid and days taken", Frequency = "quarterly" });
        kpis.Add(new KpiView { Kpi = "Social-value commitments", Target = "as committed below", Return = "outcomes against each measure", Frequency = "quarterly" });
        kpis.Add(new KpiView { Kpi = "Complaints and incidents", Target = "reported to the Lead within 2 working days", Return = "log of complaints, incidents and actions", Frequency = "monthly" });
        return kpis;
    }
}
