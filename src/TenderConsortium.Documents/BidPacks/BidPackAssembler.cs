using System.Text.Json;
using AutoMapper;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Documents.Checks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Pricing;
using TenderConsortium.Documents.Subcontracts;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.BidPacks;

/// <summary>
/// Assembles one version of a bid pack in memory: the sub-contracts and the pricing schedule first (the checks read
/// them back), then the pack, whose checks appendix is filled last from what was counted and read. Nothing here reads
/// the clock or makes an id, so the same input gives the same bytes.
/// </summary>
public sealed class BidPackAssembler(TemplateSet templates, IMapper mapper)
{
    public BidPackFiles Assemble(BidPackInput input, int version)
    {
        var facts = BidPackFacts.From(input);
        var stamp = facts.Stamp;
        var author = input.Profile.LeadName;

        var (subcontracts, texts) = Subcontracts(facts);

        var pricingModel = new PricingDocument
        {
            Consortium = mapper.Map<ConsortiumView>(input.Profile),
            Opportunity = mapper.Map<OpportunityView>(input.Opportunity),
            Pricing = new PricingSheetView
            {
                FeeRate = facts.Pricing.FeeRate,
                Currency = facts.Pricing.Currency,
                Date = Format.Day(input.AsOf),
                Note = "Amount = ROUND(volume × unit price, 2) for each member; each lot's management fee = ROUND(members' prices × the fee rate above, 2); "
                       + "lot price = members' prices + fee; the totals add the lot rows. Volumes and prices are as each member declared. "
                       + BidPackModelBuilder.PriceBasis(facts),
            },
        };
        var pricing = PricingWorkbook.Render(templates.Pricing, pricingModel, facts.Pricing, stamp, $"Pricing schedule: {input.Opportunity.Title}", author);

        var model = new BidPackModelBuilder(mapper).Build(facts);
        using var pack = templates.BidPack.Open();
        pack.Fill(model, IsChecksPlaceholder);
        var checks = new BidPackChecks(input.OpportunityId, input.Opportunity.Ocid, version, input.AsOf,
            BidPackChecker.Run(facts, model, PricingReadBack.Read(pricing), texts));
        model.Checks = new ChecksView
        {
            Summary = $"{checks.Checks.Count(c => c.Status == CheckStatus.Pass)} of {checks.Checks.Count} checks pass"
                      + (checks.Overall == CheckStatus.Pass ? "." : checks.Overall == CheckStatus.Warning ? "; the warnings need the adviser's attention." : "; a failed check must be resolved before submission.")
                      + " The same results are saved beside this pack as the checks file of the same version (JSON).",
            Items = mapper.Map<List<CheckView>>(checks.Checks),
        };
        pack.Fill(model);
        var bidPack = pack.Save(stamp, $"Bid pack: {input.Opportunity.Title}", author);
        var json = JsonSerializer.SerializeToUtf8Bytes(checks, DomainJson.Indented);
        return new BidPackFiles(bidPack, pricing, json, subcontracts, checks);
    }

    /// <summary>The sub-contracts alone, for members with volume in the awarded lots (<see cref="BidPackInput.AwardedLotIds"/>).</summary>
    public IReadOnlyList<SubcontractFile> Subcontracts(BidPackInput input) => Subcontracts(BidPackFacts.From(input)).Files;

    private (List<SubcontractFile> Files, Dictionary<string, string> Texts) Subcontracts(BidPackFacts facts)
    {
        var contracts = new SubcontractModelBuilder(mapper).Build(facts);
        var rendered = new (byte[] Bytes, string Text)[contracts.Count];

        // Sub-contracts are independent documents, so they are rendered in parallel; results keep the members' order.
        Parallel.For(0, contracts.Count, i =>
        {
            var (member, contract) = contracts[i];
            using var document = templates.Subcontract.Open();
            document.Fill(contract);
            var text = document.Text();
            rendered[i] = (document.Save(facts.Stamp, $"Sub-contract: {member.Member.Name}", facts.Input.Profile.LeadName), text);
        });

        var files = new List<SubcontractFile>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < contracts.Count; i++)
        {
            var member = contracts[i].Member;
            texts[member.Id] = rendered[i].Text;
            files.Add(new SubcontractFile(member.Id, member.Member.Name, UniqueName(FileNames.Safe(member.Member.RegistrationNumber, member.Id), names) + ".docx", rendered[i].Bytes));
        }

        return (files, texts);
    }

    private static bool IsChecksPlaceholder(TemplateTag tag) =>
        tag.Path[0].Equals("checks", StringComparison.OrdinalIgnoreCase) || tag.Variable?.Equals("check", StringComparison.OrdinalIgnoreCase) == true;

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++) candidate = $"{name}-{i}";
        return candidate;
    }
}
