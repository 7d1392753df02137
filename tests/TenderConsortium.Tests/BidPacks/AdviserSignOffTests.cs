using DocumentFormat.OpenXml.Packaging;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Documents.BidPacks;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>
/// What an adviser reads before signing off, tested on the generated .docx text of the real Glasgow notice's pack:
/// no stand-in text, nothing meant for the lead, the price basis stated, and checks that fail with what to fill.
/// </summary>
public sealed class AdviserSignOffTests
{
    private static string DocxText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Test]
    public async Task Missing_lead_facts_are_a_failed_check_naming_the_setting_not_a_stand_in_in_the_pack()
    {
        var input = await BidPackFixture.GlasgowAsync();
        input = input with { Profile = input.Profile with { LeadRegistration = ConsortiumProfile.Default.LeadRegistration, LeadAddress = ConsortiumProfile.Default.LeadAddress, Signatory = ConsortiumProfile.Default.Signatory } };
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        var text = DocxText(files.BidPack);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("not yet given"));
            Assert.That(text, Does.Not.Contain("the Chief Executive signs"));
            Assert.That(text, Does.Not.Contain("{{").And.Not.Contain("}}"));
            Assert.That(BidPackFixture.Check(files, "lead-facts").Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(BidPackFixture.Check(files, "lead-facts").Detail, Does.Contain("'leadRegistration'").And.Contain("'leadAddress'").And.Contain("'signatory'"));
        });
    }

    [Test]
    public async Task Demand_not_covered_is_told_to_the_lead_in_the_checks_not_to_the_buyer()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var lot = input.Allocation.Lots[0];
        var thin = lot with { Uncovered = 1500, Demand = lot.Demand + 1500 };
        input = input with
        {
            Allocation = input.Allocation with { Lots = [thin, .. input.Allocation.Lots.Skip(1)] },
            LotTerms = input.LotTerms.Select(t => t.LotId == lot.LotId ? t with { Demand = t.Demand + 1500 } : t).ToList(),
        };
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        var all = DocxText(files.BidPack);
        // Everything before the adviser's appendix of automatic checks is what the buyer reads.
        var text = all[..all.IndexOf("Appendix A. Automatic checks", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("not yet covered"));
            Assert.That(text, Does.Not.Match(@"(?<![\d,])1,500 (of|hours)"));
            Assert.That(BidPackFixture.Check(files, "lots-covered").Detail, Does.Contain("1,500 hours"));
        });
    }

    [Test]
    public async Task The_pack_and_the_checks_say_whether_prices_are_per_year_or_for_the_whole_contract()
    {
        var files = BidPackFixture.Assembler().Assemble(await BidPackFixture.GlasgowAsync(), 1);
        Assert.That(DocxText(files.BidPack), Does.Contain("Prices are for the whole contract (2.96 years, the volumes allocated for its whole length), not per year"));
    }

    [TestCase(1.2, CheckStatus.Fail, "Above 110%")]
    [TestCase(0.4, CheckStatus.Fail, "Below 50%")]
    [TestCase(0.9, CheckStatus.Pass, "is 90% of the buyer's estimate")]
    public async Task The_total_is_held_against_the_buyer_estimate(double ratio, CheckStatus status, string said)
    {
        var input = await BidPackFixture.GlasgowAsync();
        var total = BidPackFacts.From(input).Pricing.Total;
        var estimate = new Money(Math.Round(total / (decimal)ratio, 2), "GBP");
        var opportunity = input.Opportunity with { Value = estimate, Lots = input.Opportunity.Lots.Select(l => l with { Value = null }).ToList() };
        var check = BidPackFixture.Check(BidPackFixture.Assembler().Assemble(input with { Opportunity = opportunity }, 1), "price-sanity");
        Assert.That(check.Status, Is.EqualTo(status));
        Assert.That(check.Detail, Does.Contain(said));
    }

    [Test]
    public async Task A_total_near_the_estimate_for_one_year_is_named_as_a_likely_price_basis_mistake()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var total = BidPackFacts.From(input).Pricing.Total;
        var years = ContractTerm.Of(input.Opportunity).Years!.Value;
        var opportunity = input.Opportunity with { Value = new Money(Math.Round(total * years, 2), "GBP"), Lots = input.Opportunity.Lots.Select(l => l with { Value = null }).ToList() };
        var check = BidPackFixture.Check(BidPackFixture.Assembler().Assemble(input with { Opportunity = opportunity }, 1), "price-sanity");
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Fail));
        Assert.That(check.Detail, Does.Contain("It is 100% of the estimate for one year").And.Contain("the volumes may be for a year, not the whole contract"));
    }

    [Test]
    public async Task A_certificate_lapsing_before_the_contract_ends_fails_naming_the_member()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var opportunity = input.Opportunity with { ContractPeriod = new ContractPeriod(start, start.AddYears(3), null) };
        var delivering = BidPackFacts.From(input).Delivering[0];
        var members = input.Members.Select(m => m.Id == delivering.Id
            ? m with { Member = m.Member with { Certifications = [new Certification(CertificationKind.PvgDisclosure, "PVG", new DateOnly(2028, 6, 30))] } }
            : m with { Member = m.Member with { Certifications = [] } }).ToList();
        var check = BidPackFixture.Check(BidPackFixture.Assembler().Assemble(input with { Opportunity = opportunity, Members = members }, 1), "certifications");
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Fail));
        Assert.That(check.Detail, Is.EqualTo($"{delivering.Member.Name}: PVG expires on 30 June 2028, before the contract ends on 1 January 2030; renew it or show the renewal"));
    }

    [Test]
    public async Task An_overridden_share_is_not_called_within_the_cap()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var lot = input.Allocation.Lots[0];
        var share = lot.Shares.First(s => s.Volume > 0);
        var pinned = share with { OverrideReason = "the buyer asked for continuity of the current provider" };
        var allocation = input.Allocation with { Lots = [lot with { Shares = lot.Shares.Select(s => s == share ? pinned : s).ToList() }, .. input.Allocation.Lots.Skip(1)] };
        var check = BidPackFixture.Check(BidPackFixture.Assembler().Assemble(input with { Allocation = allocation }, 1), "allocations-match");
        Assert.That(check.Detail, Does.Not.Contain("within declarations, prices and the cap"));
        Assert.That(check.Detail, Does.Contain("1 set by the lead with a recorded reason"));
    }

    [Test]
    public async Task The_risk_register_carries_the_sector_risks()
    {
        var files = BidPackFixture.Assembler().Assemble(await BidPackFixture.GlasgowAsync(), 1);
        var text = DocxText(files.BidPack);
        Assert.That(text, Does.Contain("Safeguarding of the people the service supports")
            .And.Contain("A member's registration or inspection grade lapses")
            .And.Contain("A member fails financially or cannot deliver mid-contract")
            .And.Contain("Staff transfer (TUPE)")
            .And.Contain("Cash flow and late payment down the chain"));
    }

    [Test]
    public async Task The_compliance_matrix_answers_each_criterion_once_and_the_Care_Inspectorate_grade_bar()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var entries = ComplianceMatrix.For(input.Opportunity);
        var selection = entries.Where(e => e.Kind == "selection").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(selection.Select(e => e.Criterion).Distinct().Count(), Is.EqualTo(selection.Count), "no criterion twice");
            Assert.That(selection.Single(e => e.Criterion.Contains("Grade 3 or above")).SectionId, Is.EqualTo(BidPackSections.Capability));
            Assert.That(entries.Where(e => e.Kind == "award" && e.LotId == "2").Select(e => e.Weight), Is.EqualTo(new[] { "70", "30" }), "the notice's order and weights");
        });
    }

    [Test]
    public async Task The_SPD_has_the_lead_as_single_bidder_with_its_4C10_and_members_as_subcontractors_relied_on()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var facts = BidPackFacts.From(input);
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        var text = DocxText(files.BidPack);
        var proportion = facts.Pricing.Subtotal / facts.Pricing.Total * 100;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("The lead body: the single bidder (its own Parts II–IV)"));
            Assert.That(text, Does.Contain($"{input.Profile.LeadName} is the single bidder and prime contractor. Part II.A: it does not participate together with others"));
            Assert.That(text, Does.Contain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"4C.10: {proportion:0.0}% of the contract value")));
            Assert.That(proportion, Is.EqualTo(100m / 1.05m).Within(0.01m), "with a 5% fee the lead sub-contracts about 95%");
            Assert.That(text, Does.Contain("Part II.C, sub-contractors whose capacity is relied on for the selection criteria: " + facts.Delivering[0].Member.Name));
            Assert.That(text, Does.Not.Contain("Members of the group"));
            Assert.That(text, Does.Not.Contain("participating together with others)"));
        });
    }

    [TestCase("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json", "governed by Scots law", "the Scottish courts")]
    [TestCase("cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json", "governed by the law of England and Wales", "the courts of England and Wales")]
    public async Task Each_subcontract_carries_governing_law_by_the_buyer_jurisdiction_and_the_sector_clauses(string notice, string law, string courts)
    {
        var input = await BidPackFixture.InputAsync(notice);
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        Assert.That(files.Subcontracts, Is.Not.Empty);
        var text = DocxText(files.Subcontracts[0].Bytes);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(law).And.Contain(courts));
            Assert.That(text, Does.Contain("UK GDPR").And.Contain("PVG scheme").And.Contain("Transfer of Undertakings (Protection of Employment) Regulations 2006")
                .And.Contain("the Lead may step in").And.Contain("insurances the main contract requires"));
            Assert.That(text, Does.Contain("within 30 days of receiving a valid and undisputed invoice"));
        });
    }
}
