using System.Text.Json;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Checks;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>The adviser's automatic checks pass on a sound pack and name what is wrong on a flawed one.</summary>
public sealed class ChecksTests
{
    [Test]
    public async Task A_sound_pack_passes_every_check_but_the_deadline_it_missed()
    {
        var input = await BidPackFixture.GlasgowAsync();
        input = input with { Profile = input.Profile with { LeadRegistration = "SC700001", LeadAddress = "1 Example Street, Glasgow G1 1AA", Signatory = "Morag Lindsay, Chief Executive" } };
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        var json = JsonDocument.Parse(files.ChecksJson).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(files.Checks.Checks.Select(c => c.Id), Is.EqualTo(new[]
                { "lots-covered", "allocations-match", "spd-items", "subcontract-payment", "social-value", "pricing-consistent", "word-limits", "deadline",
                  "lead-facts", "certifications", "price-sanity" }));
            // The sample consortium's data is what an adviser would find: two members' certificates lapsed in 2026 and
            // the allocated hours price well below the buyer's £7.5m estimate. The checks say so; the rest pass.
            Assert.That(files.Checks.Checks.Where(c => c.Id is not ("deadline" or "certifications" or "price-sanity")).Select(c => c.Status), Is.All.EqualTo(CheckStatus.Pass));
            Assert.That(BidPackFixture.Check(files, "certifications").Detail, Does.Contain("Cumbrae Youth Trust: PVG expired on 31 August 2026, before the pack's date 1 November 2026"));
            Assert.That(BidPackFixture.Check(files, "price-sanity").Detail, Does.Contain("of the buyer's estimate of £7,500,000.00").And.Contain("Below 50%").And.Contain("Prices are for the whole contract (2.96 years"));
            Assert.That(BidPackFixture.Check(files, "deadline").Status, Is.EqualTo(CheckStatus.Fail), "the 2019 deadline passed");
            Assert.That(BidPackFixture.Check(files, "deadline").Detail, Does.Contain("days ago"));
            Assert.That(json.GetProperty("checks")[0].GetProperty("status").GetString(), Is.EqualTo("pass"));
            Assert.That(json.GetProperty("overall").GetString(), Is.EqualTo("fail"));
        });
    }

    [Test]
    public async Task Days_left_are_counted_from_the_pack_date()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var deadline = DateOnly.FromDateTime(input.Opportunity.Deadline!.Value.UtcDateTime);
        var soon = BidPackFixture.Assembler().Assemble(input with { AsOf = deadline.AddDays(-2) }, 1);
        var ample = BidPackFixture.Assembler().Assemble(input with { AsOf = deadline.AddDays(-30) }, 1);
        Assert.Multiple(() =>
        {
            Assert.That(BidPackFixture.Check(soon, "deadline").Status, Is.EqualTo(CheckStatus.Warning));
            Assert.That(BidPackFixture.Check(soon, "deadline").Detail, Does.StartWith("2 days left"));
            Assert.That(BidPackFixture.Check(ample, "deadline"), Has.Property("Status").EqualTo(CheckStatus.Pass).And.Property("Detail").StartsWith("30 days left"));
        });
    }

    [Test]
    public async Task Missing_SPD_facts_and_long_statements_are_named()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var allocated = input.Allocation.Lots.SelectMany(l => l.Shares).First(s => s.Volume > 0).MemberId;
        var name = input.Member(allocated)!.Member.Name;
        var declarations = input.Declarations.Select(d => d.MemberId == allocated ? d with { Spd = new SpdFacts(100_000, null, null) } : d).ToList();
        var members = input.Members.Select(m => m.Id == allocated ? m with { Member = m.Member with { CapabilityStatement = string.Join(' ', Enumerable.Repeat("word", 600)) } } : m).ToList();
        var files = BidPackFixture.Assembler().Assemble(input with { Declarations = declarations, Members = members }, 1);
        Assert.Multiple(() =>
        {
            Assert.That(BidPackFixture.Check(files, "spd-items").Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(BidPackFixture.Check(files, "spd-items").Detail, Does.Contain($"{name}: turnover and insurance (Part IV): missing insurance cover").And.Contain("invoices paid on time (Part 4C.4): not given in the declaration"));
            Assert.That(BidPackFixture.Check(files, "word-limits").Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(BidPackFixture.Check(files, "word-limits").Detail, Does.Contain($"capability statement of {name}: 600 words, limit 500"));
        });
    }

    [Test]
    public async Task A_share_beyond_the_declaration_or_the_cap_and_an_uncovered_lot_fail()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var lot = input.Allocation.Lots[0];
        var share = lot.Shares.First(s => s.Volume > 0);
        var inflated = share with { Volume = lot.Demand, Value = lot.Demand * (share.Value / share.Volume) };
        var tampered = lot with { Shares = lot.Shares.Select(s => s == share ? inflated : s).ToList(), Uncovered = 0 };
        var gap = input.Allocation.Lots[1] with { Uncovered = 100, Shares = input.Allocation.Lots[1].Shares.Select((s, i) => i == 0 && s.Volume >= 100 ? s with { Volume = s.Volume - 100, Value = (s.Volume - 100) * (s.Value / s.Volume) } : s).ToList() };
        var allocation = input.Allocation with { Lots = [tampered, gap] };
        var files = BidPackFixture.Assembler().Assemble(input with { Allocation = allocation }, 1);
        Assert.Multiple(() =>
        {
            Assert.That(BidPackFixture.Check(files, "allocations-match").Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(BidPackFixture.Check(files, "allocations-match").Detail, Does.Contain("more than the").And.Contain("above the 40% cap"));
            Assert.That(BidPackFixture.Check(files, "lots-covered").Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(BidPackFixture.Check(files, "lots-covered").Detail, Does.Contain($"lot {gap.LotId}: 100 hours of"));
            Assert.That(BidPackFixture.Check(files, "pricing-consistent").Status, Is.EqualTo(CheckStatus.Pass), "the spreadsheet still adds up to the engine's (tampered) totals");
        });
    }

    [Test]
    public async Task A_subcontract_without_the_30_day_flow_down_fails()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var facts = BidPackFacts.From(input);
        var model = new BidPackModelBuilder(BidPackFixture.Mapper).Build(facts);
        var pricing = PricingReadBack.Read(BidPackFixture.Assembler().Assemble(input, 1).Pricing);
        var member = facts.Delivering[0];
        var checks = BidPackChecker.Run(facts, model, pricing, new Dictionary<string, string>
        {
            [member.Id] = "The Lead shall pay the Member within 60 days of receiving a valid and undisputed invoice.",
            [facts.Delivering[1].Id] = "Payment on completion.",
        });
        var payment = checks.Single(c => c.Id == "subcontract-payment");
        Assert.Multiple(() =>
        {
            Assert.That(payment.Status, Is.EqualTo(CheckStatus.Fail));
            Assert.That(payment.Detail, Does.Contain($"{member.Member.Name}: payment within 60 days, more than 30"));
            Assert.That(payment.Detail, Does.Contain($"{facts.Delivering[1].Member.Name}: no payment term"));
        });
    }

    [Test]
    public async Task Social_value_counts_a_commitment_repeated_across_lots_once()
    {
        var (opportunity, members) = BidPackScenario.Generated(2, 4);
        var terms = BidPackScenario.Terms(opportunity);
        var declarations = members.Select((m, i) => new CapacityDeclaration
        {
            OpportunityId = opportunity.Ocid,
            MemberId = m.Id,
            Lots = opportunity.Lots.Select(l => new LotDeclaration
            {
                LotId = l.Id,
                Volume = 2_000,
                PricePerUnit = 25,
                EarliestStart = new DateOnly(2027, 1, 1),
                SocialValue = i == 0
                    ? [new SocialValueCommitment("SV01", 2, "no. people FTE", "two local hires"), new SocialValueCommitment("SV03", l.Id == "1" ? 1 : 3, "no. people FTE")]
                    : [new SocialValueCommitment("SV01", 1, "no. people FTE")],
            }).ToList(),
            Spd = new SpdFacts(1, 1, 99),
        }).ToList();
        var input = BidPackScenario.Input(opportunity, members, declarations: declarations);
        await Task.CompletedTask;
        var summary = SocialValueSummary.From(input);
        var delivering = input.Allocation.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId).Distinct().ToList();
        var sv01 = summary.Totals.Single(t => t.MeasureId == "SV01");
        var sv03 = summary.Totals.Single(t => t.MeasureId == "SV03");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Problems, Is.Empty);
            Assert.That(sv01.Total, Is.EqualTo(2 + (delivering.Count - 1)), "member 0's two hires once, one from each other member");
            Assert.That(sv01.By.Single(b => b.MemberId == members[0].Id).LotIds, Is.EqualTo(new[] { "1", "2" }));
            Assert.That(sv03.Total, Is.EqualTo(4), "different promises per lot add up");
        });
    }
}
