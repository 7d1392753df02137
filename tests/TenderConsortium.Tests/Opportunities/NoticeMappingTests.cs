using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>The pieces of the OCDS mapping that carry judgement: weights, places, and signals in prose.</summary>
public sealed class NoticeMappingTests
{
    [TestCase("70", 70, 70)]
    [TestCase("70%", 70, 70)]
    [TestCase("17.5", 17.5, 17.5)]
    [TestCase("15-40%", 15, 40)]
    [TestCase("15 – 40 %", 15, 40)]
    [TestCase("50 to 60", 50, 60)]
    public void Weights_as_published_are_read_as_a_number_or_range(string text, decimal min, decimal max) =>
        Assert.That(CriterionWeight.TryParse(text), Is.EqualTo(new CriterionWeight(min, max)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Price 100%, see documents")]
    [TestCase("40-15")]
    public void Text_that_is_not_a_weight_gives_none(string? text) => Assert.That(CriterionWeight.TryParse(text), Is.Null);

    [TestCase("UKM82", new[] { "S12000049" })]
    [TestCase("TLM82", new[] { "S12000049" })]
    [TestCase("UKM", new[] { ScottishPlaces.ScotlandCode })]
    [TestCase("UKM50", new[] { "S12000033", "S12000034" })]
    [TestCase("S12000047", new[] { "S12000047" })]
    [TestCase("Perth & Kinross Council", new[] { "S12000048" })]
    [TestCase("Western Isles Council (Comhairle nan Eilean Siar)", new[] { "S12000013" })]
    [TestCase("Lot 3 - Dundee City Council Area", new[] { "S12000042" })]
    public void Scottish_places_resolve_to_council_areas(string text, string[] expected) =>
        Assert.That(ScottishPlaces.Default.Resolve(text), Is.EqualTo(expected));

    [TestCase("UKL")]
    [TestCase("West Midlands")]
    [TestCase("Aberdeen University")]
    public void Places_outside_Scotland_are_not_resolved(string text) => Assert.That(ScottishPlaces.Default.Resolve(text), Is.Null);

    [Test]
    public void A_council_named_in_the_lot_title_wins_over_all_of_Scotland()
    {
        var places = new PlaceNormaliser(ScottishPlaces.Default).Normalise(["UKM", "Angus Council Area"], "Angus Council", ["Scotland Excel"]);
        Assert.That(places, Is.EqualTo(new[] { "S12000041" }));
    }

    [Test]
    public void A_region_spanning_councils_narrows_to_the_buyer_council()
    {
        var places = new PlaceNormaliser(ScottishPlaces.Default).Normalise(["UKM93"], null, ["North Ayrshire Council"]);
        Assert.That(places, Is.EqualTo(new[] { "S12000021" }));
    }

    [TestCase("The buyer considers that this contract is suitable for consortia.", true)]
    [TestCase("Consortia bids are welcome.", true)]
    [TestCase("We welcome bids from consortia and partnerships.", true)]
    [TestCase("This contract is not suitable for consortia.", false)]
    [TestCase("The analysis will be made on both Applicant and Consortia bids.", false)]
    public void Consortia_welcome_is_read_from_the_text(string text, bool expected) =>
        Assert.That(NoticeTextSignals.WelcomesConsortia([text]), Is.EqualTo(expected));

    [TestCase("Community benefits are included in this requirement.", true)]
    [TestCase("A Community Benefits Statement Template has been included.", true)]
    [TestCase("Community benefits are not included in this requirement.", false)]
    [TestCase("Taxi services for the university.", false)]
    public void Community_benefit_requests_are_read_from_the_text(string text, bool expected) =>
        Assert.That(NoticeTextSignals.RequestsCommunityBenefits([text]), Is.EqualTo(expected));

    [TestCase("85311000", true, null)]
    [TestCase("85311000-2", true, null)]
    [TestCase("85311000-7", false, "check digit 7 but CPV 2008 gives 85311000-2")]
    [TestCase("12345678", false, "not in the CPV 2008 list")]
    [TestCase("8531", false, "is not a CPV code")]
    public void CPV_codes_are_checked_against_CPV_2008(string code, bool known, string? problem)
    {
        var check = CpvCatalogue.Default.Check(code);
        Assert.That(check.IsKnown, Is.EqualTo(known));
        if (problem is not null) Assert.That(check.Problem, Does.Contain(problem));
    }

    [Test]
    public void The_CPV_catalogue_holds_all_9454_codes() => Assert.That(CpvCatalogue.Default.Count, Is.EqualTo(9454));
}
