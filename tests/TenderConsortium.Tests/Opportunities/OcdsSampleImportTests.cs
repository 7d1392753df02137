using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>Every real notice shipped in samples/notices imports, with the facts a consortium lead relies on.</summary>
public sealed class OcdsSampleImportTests : DatabaseTest
{
    private async Task<(Opportunity Opportunity, OpportunityImportResult Result)> ImportAsync(string file)
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice(file));
        Assert.That(result.Total, Is.EqualTo(1));
        var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync(result.Opportunities[0].Id);
        Assert.That(stored, Is.Not.Null);
        return (stored!.Opportunity, result);
    }

    [TestCaseSource(typeof(RepoFiles), nameof(RepoFiles.OcdsNotices))]
    public async Task Every_sample_notice_imports_with_a_title_buyer_lots_and_CPV(string path)
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(path);
        var o = result.Opportunities.Single().Opportunity;
        Assert.Multiple(() =>
        {
            Assert.That(o.Ocid, Does.StartWith("ocds-"));
            Assert.That(Path.GetFileName(path), Does.Contain(o.Ocid[5..11]));
            Assert.That(o.Title, Is.Not.Empty);
            Assert.That(o.Buyer.Name, Is.Not.Empty);
            Assert.That(o.Lots, Is.Not.Empty);
            Assert.That(o.Lots.All(l => l.Cpv.Count > 0), Is.True, "every lot has CPV codes");
            Assert.That(o.Deadline, Is.Not.Null);
            Assert.That(o.Source, Is.Not.EqualTo(NoticeSource.Manual));
        });
    }

    [Test]
    public async Task The_portals_lost_line_breaks_do_not_reach_a_reader_as_stray_letters()
    {
        var raw = await File.ReadAllTextAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json"));
        Assert.That(raw, Does.Contain("exercise.rn The Award"), "the published file carries \"rn\" where the buyer typed a new line");
        var (o, _) = await ImportAsync("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json");
        Assert.That(o.Description, Does.Contain("procurement exercise.\n The Award criteria"));
        Assert.That(o.Description, Does.Not.Contain(".rn "));
    }

    [Test]
    public async Task Glasgow_residential_recovery_has_two_lots_of_five_and_two_and_a_half_million_weighted_70_30()
    {
        var (o, result) = await ImportAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var lots = o.Lots.ToDictionary(l => l.Id);
        Assert.Multiple(() =>
        {
            Assert.That(o.Source, Is.EqualTo(NoticeSource.PublicContractsScotland));
            Assert.That(o.Buyer.Name, Is.EqualTo("Glasgow City Council"));
            Assert.That(o.Reference, Is.EqualTo("GCC004570SW"));
            Assert.That(o.Value!.Amount, Is.EqualTo(7_500_000m));
            Assert.That(o.Lots, Has.Count.EqualTo(2));
            Assert.That(lots["1"].Value!.Amount, Is.EqualTo(5_000_000m));
            Assert.That(lots["2"].Value!.Amount, Is.EqualTo(2_500_000m));
            Assert.That(lots["1"].Value!.Currency, Is.EqualTo("GBP"));
            Assert.That(o.Lots.All(l => l.Cpv.SequenceEqual(["85000000"])), Is.True);
            Assert.That(o.Lots.All(l => l.Places.SequenceEqual(["S12000049"])), Is.True, "UKM82 is Glasgow City");
            Assert.That(lots["1"].AwardCriteria.Select(c => c.Weight!.Min), Is.EqualTo(new[] { 70m, 30m }));
            Assert.That(lots["1"].AwardCriteria.Select(c => c.Type), Is.EqualTo(new[] { "quality", "price" }));
            Assert.That(lots["2"].Renewal!.HasRenewal, Is.True);
            Assert.That(lots["2"].ContractPeriod!.DurationInDays, Is.EqualTo(1080));
            Assert.That(o.Deadline, Is.EqualTo(new DateTimeOffset(2019, 6, 11, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(o.CommunityBenefits, Is.True);
            Assert.That(o.ConsortiaWelcome, Is.False);
            Assert.That(o.ReleaseId, Is.Null, "PCS omits the release id");
            Assert.That(o.NoticeUrl, Does.Contain("publiccontractsscotland"));
            Assert.That(o.SelectionCriteria, Has.Count.EqualTo(1));
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task Bikeability_framework_has_32_lots_mapped_to_32_distinct_council_areas()
    {
        var (o, _) = await ImportAsync("pcs-ocds-r6ebe6-0000578690-bikeability-32-lots.json");
        var places = o.Lots.Select(l => l.Places.Single()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(o.Lots, Has.Count.EqualTo(32));
            Assert.That(places.Distinct().Count(), Is.EqualTo(32));
            Assert.That(places, Is.EquivalentTo(ScottishPlaces.Default.Councils.Select(c => c.Code)));
            Assert.That(o.Lots.Single(l => l.Title.StartsWith("Western Isles")).Places, Is.EqualTo(new[] { "S12000013" }));
            Assert.That(o.Lots.Single(l => l.Title == "Fife Council").Places, Is.EqualTo(new[] { "S12000047" }));
            Assert.That(o.Lots[0].Cpv, Does.Contain("80511000").And.Contain("92000000"));
            Assert.That(o.Lots[0].AwardCriteria[0].Weight, Is.EqualTo(new CriterionWeight(15, 40)));
            Assert.That(o.Lots[0].AwardCriteria[1].Weight, Is.EqualTo(new CriterionWeight(60, 85)));
            Assert.That(o.Value!.Amount, Is.EqualTo(1_200_000m));
            Assert.That(o.Lots.All(l => l.Value is null), Is.True, "PCS gives no lot values here");
            Assert.That(o.CommunityBenefits, Is.True);
        });
    }

    [Test]
    public async Task NHS_Grampian_taxi_notice_has_no_value_and_two_lots_in_Aberdeen()
    {
        var (o, _) = await ImportAsync("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json");
        Assert.Multiple(() =>
        {
            Assert.That(o.Value, Is.Null);
            Assert.That(o.Lots, Has.Count.EqualTo(2));
            Assert.That(o.Lots.All(l => l.Value is null), Is.True);
            Assert.That(o.Lots.All(l => l.Cpv.SequenceEqual(["60120000"])), Is.True);
            Assert.That(o.Lots.All(l => l.Places.SequenceEqual(["S12000033"])), Is.True, "UKM50 narrowed to the buyer Aberdeen City Council");
            Assert.That(o.Lots.Single(l => l.Id == "2").AwardCriteria.Single().Weight, Is.Null);
            Assert.That(o.Buyer.Name, Is.EqualTo("University of Aberdeen"));
        });
    }

    [Test]
    public async Task North_Ayrshire_mentoring_notice_is_one_lot_in_North_Ayrshire_worth_the_tender_value()
    {
        var (o, _) = await ImportAsync("pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json");
        var lot = o.Lots.Single();
        Assert.Multiple(() =>
        {
            Assert.That(lot.Value!.Amount, Is.EqualTo(990_000m));
            Assert.That(lot.Title, Is.EqualTo(o.Title), "the untitled single lot takes the tender title");
            Assert.That(lot.Places, Is.EqualTo(new[] { "S12000021" }));
            Assert.That(lot.Cpv, Is.EqualTo(new[] { "80200000" }));
            Assert.That(lot.AwardCriteria.Select(c => c.Weight!.Min), Is.EqualTo(new[] { 40m, 60m }));
            Assert.That(o.CommunityBenefits, Is.True);
        });
    }

    [Test]
    public async Task Contracts_Finder_children_looked_after_is_suitable_for_SMEs_and_VCSEs_with_one_implicit_lot()
    {
        var (o, _) = await ImportAsync("cf-ocds-b5fd17-7445ba73-children-looked-after.json");
        var lot = o.Lots.Single();
        Assert.Multiple(() =>
        {
            Assert.That(o.Source, Is.EqualTo(NoticeSource.ContractsFinder));
            Assert.That(o.Suitability, Is.EqualTo(new Suitability(true, true)));
            Assert.That(o.Value!.Amount, Is.EqualTo(118_000_000m));
            Assert.That(lot.Id, Is.EqualTo("1"));
            Assert.That(lot.Value!.Amount, Is.EqualTo(118_000_000m));
            Assert.That(lot.Cpv, Is.EqualTo(new[] { "85300000" }));
            Assert.That(lot.Places, Is.EqualTo(new[] { "England" }));
            Assert.That(o.ReleaseId, Is.EqualTo("06c7e0ea-fd0b-431c-93b4-d1fcf3801ce5-819945"));
            Assert.That(o.ContractPeriod!.Start!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(1)), "the published offset is kept");
        });
    }

    [Test]
    public async Task Contracts_Finder_domestic_abuse_is_suitable_for_SMEs_not_VCSEs_with_a_minimum_value()
    {
        var (o, _) = await ImportAsync("cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json");
        Assert.Multiple(() =>
        {
            Assert.That(o.Suitability, Is.EqualTo(new Suitability(true, false)));
            Assert.That(o.MinValue!.Amount, Is.EqualTo(140_000m));
            Assert.That(o.Value!.Amount, Is.EqualTo(150_000m));
            Assert.That(o.Lots.Single().Cpv, Is.EqualTo(new[] { "85000000", "85310000", "85300000" }));
            Assert.That(o.Lots.Single().Places, Is.EqualTo(new[] { "DY1 1HF", "West Midlands" }));
            Assert.That(o.Deadline, Is.EqualTo(new DateTimeOffset(2025, 2, 14, 14, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Sell2Wales_prison_GP_notice_welcomes_consortia_and_keeps_the_Welsh_region_as_given()
    {
        var (o, _) = await ImportAsync("s2w-ocds-kuma6s-148317-gp-primary-care-parc-prison.json");
        Assert.Multiple(() =>
        {
            Assert.That(o.Source, Is.EqualTo(NoticeSource.Sell2Wales));
            Assert.That(o.ConsortiaWelcome, Is.True);
            Assert.That(o.Lots, Has.Count.EqualTo(2));
            Assert.That(o.Lots.All(l => l.Places.SequenceEqual(["UKL"])), Is.True);
            Assert.That(o.Lots.All(l => l.AwardCriteria.Select(c => c.Weight!.Min).SequenceEqual([80m, 20m])), Is.True);
            Assert.That(o.Lots[0].ContractPeriod!.End, Is.EqualTo(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(o.Value!.Amount, Is.EqualTo(2_151_000m));
        });
    }

    [Test]
    public async Task The_original_document_is_kept_verbatim_for_a_package_release()
    {
        var text = await File.ReadAllTextAsync(RepoFiles.Notice("cf-ocds-b5fd17-7445ba73-children-looked-after.json"));
        var package = Db.File("package.json", $"{{\"uri\":\"x\",\"releases\":[{text}]}}");
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(package);
        var original = await new OpportunityQueries(Db.ConnectionString).OriginalAsync(result.Opportunities[0].Id);
        Assert.That(original, Is.EqualTo(text.Trim()));
    }
}
