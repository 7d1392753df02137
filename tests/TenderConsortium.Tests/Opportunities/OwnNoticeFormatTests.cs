using System.Text;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>Notices not published as OCDS (Quick Quotes, invitations) in our own format, YAML or JSON.</summary>
public sealed class OwnNoticeFormatTests : DatabaseTest
{
    [Test]
    public async Task The_YAML_sample_imports_with_its_lots_places_and_weights()
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("quick-quote-example.yaml"));
        var o = result.Opportunities.Single().Opportunity;
        Assert.Multiple(() =>
        {
            Assert.That(o.Source, Is.EqualTo(NoticeSource.Manual));
            Assert.That(o.Ocid, Is.EqualTo("local-qq-2025-0042"));
            Assert.That(o.Buyer.Name, Is.EqualTo("Fife Council"));
            Assert.That(o.Value!.Amount, Is.EqualTo(45_000m));
            Assert.That(o.Deadline, Is.EqualTo(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(o.Lots, Has.Count.EqualTo(2));
            Assert.That(o.Lots[0].Cpv, Is.EqualTo(new[] { "77314000", "77310000" }));
            Assert.That(o.Lots.All(l => l.Places.SequenceEqual(["S12000047"])), Is.True);
            Assert.That(o.Lots[0].AwardCriteria.Select(c => c.Weight), Is.EqualTo(new[] { CriterionWeight.Of(60), CriterionWeight.Of(40) }));
            Assert.That(o.Lots[1].AwardCriteria[0].Weight, Is.EqualTo(new CriterionWeight(50, 60)));
            Assert.That(o.CommunityBenefits, Is.True, "detected from the description");
            Assert.That(o.ConsortiaWelcome, Is.True, "stated explicitly");
            Assert.That(o.Suitability, Is.EqualTo(new Suitability(true, true)));
            Assert.That(o.Procedure!.Method, Is.EqualTo("quick-quote"));
            Assert.That(o.SelectionCriteria, Has.Count.EqualTo(1));
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task The_JSON_sample_is_one_implicit_lot_with_region_codes_expanded_to_councils()
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("invitation-example.json"));
        var o = result.Opportunities.Single().Opportunity;
        var lot = o.Lots.Single();
        Assert.Multiple(() =>
        {
            Assert.That(lot.Title, Is.EqualTo(o.Title));
            Assert.That(lot.Value, Is.EqualTo(o.Value));
            Assert.That(lot.Places, Is.EqualTo(new[] { "S12000010" }), "East Lothian is specific, so TLM73 (East Lothian and Midlothian) adds nothing");
            Assert.That(lot.Cpv, Is.EqualTo(new[] { "85312000", "85320000" }));
            Assert.That(o.Deadline!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(o.ContractPeriod!.DurationInDays, Is.EqualTo(730));
            Assert.That(o.CommunityBenefits, Is.False, "stated explicitly");
        });
    }

    [Test]
    public async Task A_YAML_notice_with_an_unknown_CPV_code_imports_and_warns()
    {
        const string yaml = "format: tender-notice/1\nreference: X-1\nbuyer: Angus Council\ntitle: Odd coding\ncpv: [\"99999999\", 85000000]\n";
        var result = await new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(yaml)), "x.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(result.Opportunities.Single().Opportunity.Lots.Single().Cpv, Is.EqualTo(new[] { "99999999", "85000000" }));
            Assert.That(result.Warnings, Has.One.Contains("cpv[0]: 99999999 is not in the CPV 2008 list; kept as published"));
        });
    }
}
