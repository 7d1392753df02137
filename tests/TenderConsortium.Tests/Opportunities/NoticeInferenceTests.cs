using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>
/// What intake infers from real notices: places and delivery text, the main CPV code, the community-benefit and
/// consortium flags with the sentence that decided them, what the buyer asks of the bid, and the doubts it warns
/// about. The sentences quoted are taken from real PCS, Contracts Finder and Sell2Wales notices (the samples and
/// the notices quoted in issue 15).
/// </summary>
public sealed class NoticeInferenceTests : DatabaseTest
{
    // Real: the deliveryLocation of a North Ayrshire Council (PCS) notice, region UKM93.
    private const string NorthAyrshireDelivery = "Across 6 locality areas of North Ayrshire and as close to home as possible";

    private static async Task<(Opportunity Opportunity, IntakeProblems Problems)> MapAsync(string json)
    {
        var problems = new IntakeProblems(IntakeOptions.Default);
        var notices = new List<ImportedNotice>();
        await foreach (var n in new NoticeReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "n.json", problems)) notices.Add(n);
        Assert.That(problems.Errors, Is.Empty);
        return (notices.Single().Opportunity, problems);
    }

    private static JsonObject Release() => JsonNode.Parse(NoticeSamples.Release)!.AsObject();

    private static JsonObject Tender(JsonObject release) => release["tender"]!.AsObject();

    [Test]
    public async Task Prose_delivery_text_is_kept_as_text_and_only_the_council_it_names_is_a_place()
    {
        var release = Release();
        release["buyer"] = new JsonObject { ["name"] = "North Ayrshire Council" };
        release["parties"] = new JsonArray();
        Tender(release)["items"] = JsonNode.Parse($$$"""[{"id":"1","relatedLot":"1","deliveryAddresses":[{"region":"UKM93"}],"deliveryLocation":{"description":"{{{NorthAyrshireDelivery}}}"}}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        var lot = o.Lots.Single();
        Assert.Multiple(() =>
        {
            Assert.That(lot.Places, Is.EqualTo(new[] { "S12000021" }));
            Assert.That(lot.DeliveryText, Is.EqualTo(new[] { NorthAyrshireDelivery }));
        });
    }

    [TestCase("Fraserburgh", "UKM50", new[] { "S12000034" })]
    [TestCase("Services in Peterhead and Fraserburgh for adults in recovery", "UKM50", new[] { "S12000034" })]
    [TestCase("Port Glasgow", "UKM83", new[] { "S12000018" })]
    [TestCase("Kirkcaldy", "UKM", new[] { "S12000047" })]
    public async Task A_town_narrows_a_region_to_its_own_council(string location, string region, string[] expected)
    {
        var release = Release();
        Tender(release)["items"] = JsonNode.Parse($$$"""[{"id":"1","relatedLot":"1","deliveryAddresses":[{"region":"{{{region}}}"}],"deliveryLocation":{"description":"{{{location}}}"}}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Lots.Single().Places, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_lot_that_names_Perth_is_in_Perth_and_Kinross()
    {
        var release = Release();
        Tender(release)["lots"]![0]!["title"] = "Lot 2 - Perth supported living";
        Tender(release)["items"] = JsonNode.Parse("""[{"id":"1","relatedLot":"1","deliveryAddresses":[{"region":"UKM77"}]}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Lots.Single().Places, Is.EqualTo(new[] { "S12000048" }));
    }

    [Test]
    public async Task A_lot_described_without_a_title_names_its_places_in_its_description()
    {
        // As PCS published ocds-r6ebe6-0000581004 (NHS Tayside): no lot title, a region spanning Angus and Dundee City,
        // and a description naming Dundee, Perth and Angus; Perth must not be lost.
        var release = Release();
        var lot = Tender(release)["lots"]![0]!.AsObject();
        lot.Remove("title");
        lot["description"] = "To provide Enhanced Injecting Equipment Service at Fixed Sites in Dundee City Centre and Perth City Centre and Delivery of Enhanced Services in Angus";
        Tender(release)["items"] = JsonNode.Parse("""[{"id":"1","relatedLot":"1","deliveryAddresses":[{"region":"UKM71"}],"deliveryLocation":{"description":"Across Tayside"}}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Lots.Single().Places, Is.EquivalentTo(new[] { "S12000042", "S12000048", "S12000041" }));
    }

    [TestCase("UKL", "Wales")]
    [TestCase("TLG", "West Midlands")]
    [TestCase("S12000021", "North Ayrshire")]
    [TestCase("DY1 1HF", "DY1 1HF")]
    public void Places_are_named_for_people(string code, string name) => Assert.That(ScottishPlaces.Default.NameOf(code), Is.EqualTo(name));

    [Test]
    public async Task The_main_CPV_code_comes_first_and_is_flagged_even_when_items_list_others()
    {
        // As PCS publishes it: the items carry the broad division, tender.classification the main code.
        var release = Release();
        Tender(release)["classification"] = JsonNode.Parse("""{"scheme":"CPV","id":"85300000"}""");
        Tender(release)["items"] = JsonNode.Parse("""[{"id":"1","relatedLot":"1","additionalClassifications":[{"scheme":"CPV","id":"85000000"}],"deliveryAddresses":[{"region":"UKM72"}]}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(o.MainCpv, Is.EqualTo("85300000"));
            Assert.That(o.Lots.Single().MainCpv, Is.EqualTo("85300000"));
            Assert.That(o.Lots.Single().Cpv, Is.EqualTo(new[] { "85300000", "85000000" }));
        });
    }

    [Test]
    public async Task Bikeability_lots_keep_the_notice_main_code_first()
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000578690-bikeability-32-lots.json"));
        var o = result.Opportunities.Single().Opportunity;
        Assert.That(o.Lots.Select(l => l.Cpv[0]).Distinct(), Is.EqualTo(new[] { "92000000" }));
        Assert.That(o.Lots.All(l => l.MainCpv == "92000000"), Is.True);
    }

    [TestCase("The Council is seeking a sole provider or a consortium of smaller providers to deliver the service.", "a sole provider or a consortium of smaller providers")]
    [TestCase("The buyer considers that this contract is suitable for consortia.", "suitable for consortia")]
    public void Consortia_are_welcome_with_the_sentence_that_says_so(string text, string quoted)
    {
        var signal = NoticeTextSignals.Consortia(["Adult day services.", text]);
        Assert.That(signal.Value, Is.True);
        Assert.That(signal.Evidence, Does.Contain(quoted));
    }

    [TestCase("The successful provider will be required to deliver Community Benefits as part of this contract.")]
    [TestCase("Glasgow City Council is committed to promoting Community Benefits through its procurement activity.")]
    public void Community_benefits_are_read_with_the_sentence_that_says_so(string text)
    {
        var signal = NoticeTextSignals.CommunityBenefits([text]);
        Assert.That(signal.Value, Is.True);
        Assert.That(signal.Evidence, Is.EqualTo(text));
    }

    [Test]
    public void A_denial_wins_and_is_the_evidence()
    {
        var signal = NoticeTextSignals.Consortia(["Consortia bids are welcome.", "On reflection this contract is not suitable for consortia."]);
        Assert.That(signal, Is.EqualTo(new NoticeSignal(false, "On reflection this contract is not suitable for consortia.")));
    }

    [Test]
    public async Task Glasgow_residential_recovery_gives_submission_portal_variants_documents_staff_insurance_and_recurrence()
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json"));
        var o = (await new OpportunityQueries(Db.ConnectionString).FindAsync(result.Opportunities[0].Id))!.Opportunity;
        Assert.Multiple(() =>
        {
            Assert.That(o.Submission!.Methods, Is.EqualTo(new[] { "electronicSubmission" }));
            Assert.That(o.Submission.Portal, Is.EqualTo("https://www.publictendersscotland.publiccontractsscotland.gov.uk"));
            Assert.That(o.Submission.VariantsAllowed, Is.False);
            Assert.That(o.Documents.Select(d => d.Type), Is.EqualTo(new[] { "contractNotice", "economicSelectionCriteria", "technicalSelectionCriteria" }));
            Assert.That(o.Staff!.NamesAndQualifications, Is.True);
            Assert.That(o.Recurrence, Is.EqualTo(new Recurrence(true, "Dependant on strategic direction")));
            Assert.That(o.Insurance.Select(i => i.Kind), Does.Contain("insurance"));
            Assert.That(o.Insurance.First().Evidence, Does.Contain("Insurance Requirements - As stipulated in the ITT"));
            Assert.That(o.CommunityBenefits, Is.True);
            Assert.That(o.CommunityBenefitsEvidence, Does.Contain("Community Benefits"));
        });
    }

    [Test]
    public void Insurance_levels_are_read_kind_by_kind()
    {
        var insurance = InsuranceReader.Read(["Bidders must hold Employer's Liability insurance of £10 million, Public Liability of £5,000,000 and Professional Indemnity £1m."]);
        Assert.That(insurance.Select(i => (i.Kind, i.Amount?.Amount)), Is.EqualTo(new (string, decimal?)[]
        {
            ("employer's liability", 10_000_000m), ("public liability", 5_000_000m), ("professional indemnity", 1_000_000m),
        }));
    }

    [Test]
    public async Task Character_references_are_decoded()
    {
        var release = Release();
        Tender(release)["title"] = "Children&apos;s Residential Care &amp; Education";
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Title, Is.EqualTo("Children's Residential Care & Education"));
    }

    [TestCase("2025-06-11", "2025-06-11T22:59:00Z")]
    [TestCase("2025-02-14", "2025-02-14T23:59:00Z")]
    public async Task A_deadline_without_a_time_is_the_end_of_that_day_in_UK_time_and_warned(string given, string expectedUtc)
    {
        var release = Release();
        Tender(release)["tenderPeriod"] = new JsonObject { ["endDate"] = given };
        var (o, problems) = await MapAsync(release.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(o.Deadline!.Value.UtcDateTime, Is.EqualTo(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));
            Assert.That(o.DeadlineDateOnly, Is.True);
            Assert.That(problems.Warnings, Has.Some.Contains("date without a time"));
            Assert.That(o.Warnings, Has.Some.Contains("date without a time"), "stored with the opportunity");
        });
    }

    [Test]
    public async Task Award_weights_that_do_not_add_up_to_100_are_warned()
    {
        var release = Release();
        Tender(release)["lots"]![0]!["awardCriteria"] = JsonNode.Parse("""{"criteria":[{"type":"quality","name":"Quality","description":"17.5"},{"type":"price","description":"30"}]}""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Warnings, Has.Some.Contains("add up to 47.5, not 100"));
    }

    [Test]
    public async Task Lots_with_the_same_title_and_no_value_are_warned()
    {
        var release = Release();
        Tender(release)["lots"] = JsonNode.Parse("""[{"id":"1","title":"Supported living"},{"id":"2","title":"Supported living"}]""");
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.That(o.Warnings, Has.Some.Contains("lots 1, 2 share the title 'Supported living' and give no value"));
    }

    [Test]
    public async Task A_numeric_title_gives_way_to_the_reference_that_holds_the_words_with_a_warning()
    {
        var release = Release();
        Tender(release)["title"] = "2500123";
        Tender(release)["id"] = "Care at Home Framework";
        var (o, _) = await MapAsync(release.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(o.Title, Is.EqualTo("Care at Home Framework"));
            Assert.That(o.Reference, Is.EqualTo("2500123"));
            Assert.That(o.Warnings, Has.Some.Contains("the title is the number '2500123'"));
        });
    }

    [Test]
    public async Task An_older_release_listed_after_a_newer_amendment_does_not_overwrite_it()
    {
        var amendment = Release();
        amendment["date"] = "2025-02-01T00:00:00Z";
        amendment["tag"] = new JsonArray("tenderAmendment");
        Tender(amendment)["title"] = "Community transport (amended)";
        var original = Release();
        var package = new JsonObject { ["releases"] = new JsonArray(amendment, original) };
        var path = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, package.ToJsonString());
        try
        {
            var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(path);
            var stored = await new OpportunityQueries(Db.ConnectionString).FindAsync(result.Opportunities[0].Id);
            Assert.That(stored!.Opportunity.Title, Is.EqualTo("Community transport (amended)"));
            Assert.That(result.Warnings, Has.Some.Contains("is older than the one already imported"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task The_import_summary_carries_the_minimum_value()
    {
        var result = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json"));
        var summary = OpportunitySummary.From(result.Opportunities[0].Id, result.Opportunities[0].Opportunity);
        Assert.That(summary.MinValue, Is.Not.Null);
        Assert.That(summary.MinValue!.Amount, Is.GreaterThan(0));
    }
}
