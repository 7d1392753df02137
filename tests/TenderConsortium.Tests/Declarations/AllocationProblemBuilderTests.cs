using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Tests.Declarations;

/// <summary>How declarations, the registry and the shortlist become the solver's offers, rule input by rule input.</summary>
public sealed class AllocationProblemBuilderTests
{
    private static readonly Opportunity Glasgow = new()
    {
        Source = NoticeSource.Manual,
        Ocid = "ocds-test-1",
        Buyer = new Buyer(null, "Glasgow City Council"),
        Title = "Recovery services",
        Lots =
        [
            new Lot { Id = "1", Title = "Stabilisation", Places = ["S12000049"], Value = new Money(100_000m, "GBP") },
            new Lot { Id = "2", Title = "Abstinence", Places = ["S12000049"], Value = new Money(50_000m, "GBP") },
        ],
    };

    [Test]
    public void Offers_carry_micro_locality_match_quality_social_value_and_rotation()
    {
        var members = new Dictionary<string, Member>
        {
            ["small"] = Member("Small CIC", staff: 4, areas: ["S12000049"]),
            ["large"] = Member("Large Ltd", staff: 80, areas: [ScottishPlacesCode.Scotland]),
        };
        var shortlist = new MatchResult("x", "Recovery services",
        [
            new LotMatch("1", "Stabilisation", [], [new MatchCandidate("small", "Small CIC", 0.83, []), new MatchCandidate("large", "Large Ltd", 1.7, [])], [], []),
        ]);
        var declarations = new[]
        {
            Declaration("small", new LotDeclaration
            {
                LotId = "1", Volume = 60_000, PricePerUnit = 1m, EarliestStart = new DateOnly(2027, 4, 1),
                SocialValue = [new SocialValueCommitment("SV01", 2, "FTE"), new SocialValueCommitment("SV03", 1, "FTE")],
            }),
            Declaration("large", new LotDeclaration { LotId = "1", Volume = 500_000, PricePerUnit = 0.9m, EarliestStart = new DateOnly(2027, 4, 1) },
                new LotDeclaration { LotId = "2", Volume = 10_000, PricePerUnit = 0.9m, EarliestStart = new DateOnly(2027, 4, 1) }),
            new CapacityDeclaration { OpportunityId = "x", MemberId = "gone", DeclineReason = "No capacity" },
        };

        var problem = new AllocationProblemBuilder(AllocationRules.Default, fullMeasures: 3)
            .Build(Glasgow, LotTermsReader.Read(Glasgow, null), declarations, members, shortlist, new Dictionary<string, int> { ["large"] = 3 });

        var small = problem.Offers.Single(o => o.MemberId == "small");
        var large = problem.Offers.Where(o => o.MemberId == "large").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Lots.Select(l => (l.Id, l.Demand, l.Unit)), Is.EqualTo(new[] { ("1", 100_000L, "value"), ("2", 50_000L, "value") }));
            Assert.That(problem.Offers.Select(o => o.MemberId), Has.None.EqualTo("gone"), "a decline makes no offer");
            Assert.That((small.IsMicro, small.IsLocal, small.Quality, small.SocialValue, small.RecentAwards), Is.EqualTo((true, true, 0.83m, 0.67m, 0)));
            Assert.That(large.Select(o => (o.IsMicro, o.IsLocal, o.Quality, o.RecentAwards)), Is.EqualTo(new[] { (false, false, 1m, 3), (false, false, 0.5m, 3) }),
                "'all Scotland' is not being based in the lot's area; no score for lot 2 means the neutral 0.5; scores are clamped to 1");
            Assert.That(large[0].Volume, Is.EqualTo(100_000), "an offer beyond the lot's demand counts as the whole lot");
            Assert.That(problem.Capacities.Single(c => c.MemberId == "small").MaxVolume, Is.EqualTo(250_000), "value lots respect the largest contract a member takes");
        });
    }

    [Test]
    public void Lot_terms_and_tender_settings_name_each_bad_value()
    {
        var terms = Assert.Throws<BadInputException>(() => LotTermsReader.Read(Glasgow, JsonNode.Parse("""
            {"1": {"unit": "litres", "demand": -1}, "2": {"unit": "hours"}, "9": {"unit": "hours", "demand": 5}}
            """)!.AsObject()));
        var settings = Assert.Throws<BadInputException>(() => TenderSettings.From(JsonNode.Parse("""
            {"leadEmail": "not an email", "reminders": ["P3D", "3 days"], "consentPeriod": 5, "completeWhenAllAnswered": "yes"}
            """)!.AsObject()));
        Assert.Multiple(() =>
        {
            Assert.That(terms!.Problems, Is.EqualTo(new[]
            {
                "lotTerms.9: no such lot; expected one of 1, 2",
                "lotTerms.1.unit: expected one of hours, places, sessions, value, got \"litres\"",
                "lotTerms.1.demand: expected a whole number of litres of at least 0",
                "lotTerms.2.demand: required when the unit is hours",
            }));
            Assert.That(settings!.Problems, Is.EqualTo(new[]
            {
                "settings.leadEmail: expected an email address or an array of them, got \"not an email\"",
                "settings.reminders: expected ISO 8601 durations such as \"P3D\", got \"3 days\"",
                "settings.completeWhenAllAnswered: expected true or false",
                "settings.consentPeriod: expected an ISO 8601 duration such as \"P3D\", got 5",
            }));
        });
    }

    private static CapacityDeclaration Declaration(string member, params LotDeclaration[] lots) =>
        new() { OpportunityId = "x", MemberId = member, Lots = lots };

    private static Member Member(string name, decimal staff, IReadOnlyList<string> areas) => new()
    {
        RegistrationNumber = "SC" + name.Length,
        Name = name,
        LegalForm = LegalForm.CommunityInterestCompany,
        Contacts = [new Contact(null, "x@example.org", null)],
        ServiceAreas = areas,
        StaffFte = staff,
        MaxContractValue = staff < 10 ? new Money(250_000m, "GBP") : null,
    };

    private static class ScottishPlacesCode
    {
        public const string Scotland = Core.Reference.ScottishPlaces.ScotlandCode;
    }
}
