using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using static TenderConsortium.Tests.Matching.Registry;

namespace TenderConsortium.Tests.Matching;

/// <summary>Each matching rule alone, on registries of a few hand-built members; reasons asserted word for word.</summary>
public sealed class MatchingRuleTests
{
    [Test]
    public void A_member_code_above_the_lot_code_fits_and_says_so()
    {
        var lot = MatchOne(Lot("1", ["85311000"], []), Member("A", ["85310000"], []));
        Assert.That(lot.Candidates.Single().Reasons[0], Is.EqualTo("offers social work services (CPV 85310000), which covers the social work services with accommodation (CPV 85311000) this lot asks for"));
    }

    [Test]
    public void Closer_cpv_codes_score_higher_from_exact_to_division()
    {
        var lot = MatchOne(Lot("1", ["85311000"], []),
            Member("A-exact", ["85311000"], []), Member("B-category", ["85311200"], []), Member("C-class", ["85312000"], []),
            Member("D-group", ["85320000"], []), Member("E-division", ["85100000"], []), Member("F-other", ["90500000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A-exact", "B-category", "C-class", "D-group", "E-division" }));
            Assert.That(lot.Candidates.Select(c => c.Reasons[0]), Is.EqualTo(new[]
            {
                "offers social work services with accommodation (CPV 85311000), which this lot asks for",
                "offers welfare services for the handicapped (CPV 85311200), part of the social work services with accommodation (CPV 85311000) this lot asks for",
                "offers social work services without accommodation (CPV 85312000), close to the social work services with accommodation (CPV 85311000) this lot asks for",
                "offers social services (CPV 85320000), related to the social work services with accommodation (CPV 85311000) this lot asks for",
                "offers health services (CPV 85100000), in the same field as the social work services with accommodation (CPV 85311000) this lot asks for",
            }));
        });
    }

    [Test]
    public void The_minimum_cpv_level_setting_drops_distant_members()
    {
        var options = MatchingOptions.FromSettings(new JsonObject { ["matchMinCpvLevel"] = "class" });
        var lot = MatchOne(Lot("1", ["85311000"], []), null, options, Member("A", ["85312000"], []), Member("B", ["85320000"], []));
        Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A" }));
    }

    [Test]
    public void Text_alone_finds_a_member_whose_buyer_coded_the_lot_wrongly()
    {
        var lot = MatchOne(Lot("1", ["79000000"], [], "Befriending for isolated older people"),
            Member("A", ["85320000"], [], statement: "Befriending and companionship for isolated older people."),
            Member("B", ["85320000"], [], statement: "Welfare advice."));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A" }));
            Assert.That(lot.Candidates[0].Reasons[0], Is.EqualTo("the notice mentions befriending, isolated, older"));
        });
    }

    [Test]
    public void Place_reasons_and_the_area_exclusion()
    {
        var lot = MatchOne(Lot("1", ["85311000"], [NorthAyrshire]),
            Member("A", ["85311000"], [NorthAyrshire]), Member("B", ["85311000"], [Scotland]), Member("C", ["85311000"], [Glasgow]));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => (c.MemberId, c.Reasons[1])), Is.EqualTo(new[] { ("A", "serves North Ayrshire"), ("B", "serves North Ayrshire") }));
            Assert.That(lot.Excluded.Single().MemberId, Is.EqualTo("C"));
            Assert.That(lot.Excluded.Single().Reasons, Is.EqualTo(new[] { "does not serve North Ayrshire" }));
        });
    }

    [Test]
    public void A_lot_for_all_of_Scotland_is_served_in_part_by_a_council_member()
    {
        var lot = MatchOne(Lot("1", ["85311000"], [Scotland]), Member("A", ["85311000"], [Glasgow]), Member("B", ["85311000"], [Scotland]));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "B", "A" }), "all of Scotland beats one council");
            Assert.That(lot.Candidates[1].Reasons, Does.Contain("serves Glasgow City, part of Scotland"));
            Assert.That(lot.Candidates[0].Reasons, Does.Contain("serves Scotland"));
        });
    }

    [Test]
    public void Non_Scottish_regions_match_by_ITL_prefix()
    {
        var lot = MatchOne(Lot("1", ["85121100"], ["UKL"]), Member("A", ["85121100"], ["UKL1"]), Member("B", ["85121100"], [Glasgow]));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A" }));
            Assert.That(lot.Excluded.Single().Reasons, Is.EqualTo(new[] { "does not serve Wales" }));
        });
    }

    [Test]
    public void Social_care_requires_PVG_valid_on_the_deadline()
    {
        var lot = MatchOne(Lot("1", ["85311000"], []),
            Member("A", ["85311000"], [], [Pvg(2026, 3, 31)]),
            Member("B", ["85311000"], [], [Pvg(2026, 3, 30)]),
            Member("C", ["85311000"], [], []));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Requirements, Is.EqualTo(new[] { "PVG required: health and social work services (CPV 85311000)" }));
            Assert.That(lot.Candidates.Single().MemberId, Is.EqualTo("A"), "valid on the deadline day itself");
            Assert.That(lot.Candidates.Single().Reasons, Does.Contain("PVG certified"));
            Assert.That(lot.Excluded.Select(e => (e.MemberId, e.Reasons.Single())), Is.EqualTo(new[]
            {
                ("B", "PVG expired on 2026-03-30, before the deadline 2026-03-31"),
                ("C", "no PVG (health and social work services (CPV 85311000))"),
            }));
        });
    }

    [Test]
    public void Care_Inspectorate_registration_is_required_when_the_notice_names_it()
    {
        var lot = Lot("1", ["98000000"], [], selection: [new SelectionCriterion("suitability", "Services must be registered with the Care Inspectorate.")]);
        var result = MatchOne(lot,
            Member("A", ["98000000"], [], [new Certification(CertificationKind.CareInspectorateRegistration, "Care Inspectorate", null)]),
            Member("B", ["98000000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(result.Candidates.Single().Reasons, Does.Contain("Care Inspectorate registered"));
            Assert.That(result.Excluded.Single().Reasons, Is.EqualTo(new[] { "no Care Inspectorate registration (the notice asks for Care Inspectorate registration)" }));
        });
    }

    [Test]
    public void A_turnover_minimum_is_a_consortium_check_and_excludes_no_member()
    {
        // Real: NAC's selection criterion (PCS ocds-r6ebe6-0000575002) with a 300,000 GBP minimum.
        var lot = Lot("1", ["80200000"], [], selection: [new SelectionCriterion("economic", "Bidders will be required to have a minimum “general” yearly turnover of 300,000 GBP for the 2 most recent financial years")]);
        var result = MatchOne(lot, Member("A", ["80200000"], [], turnover: 300_000), Member("B", ["80200000"], [], turnover: 299_999), Member("C", ["80200000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(result.Requirements, Is.Empty);
            Assert.That(result.ConsortiumChecks, Is.EqualTo(new[] { "the bidder's turnover must be at least 300k: checked once for the consortium as bidder, not asked of each member" }));
            Assert.That(result.Candidates.Select(c => c.MemberId), Is.EquivalentTo(new[] { "A", "B", "C" }));
            Assert.That(result.Excluded, Is.Empty);
        });
    }

    [Test]
    public void Insurance_levels_are_consortium_checks()
    {
        var lot = Lot("1", ["80200000"], []);
        var notice = Notice(lot) with { Insurance = InsuranceReader.Read(["Employer's Liability £10m and Public Liability £5m are required."]) };
        var result = new PartnerMatcher(MemberIndex.Build([Member("A", ["80200000"], [])])).Match("o", notice).Lots.Single();
        Assert.That(result.ConsortiumChecks, Is.EqualTo(new[]
        {
            "the bidder must hold employer's liability cover of 10m: checked once for the consortium as bidder, not asked of each member",
            "the bidder must hold public liability cover of 5m: checked once for the consortium as bidder, not asked of each member",
        }));
        Assert.That(result.Excluded, Is.Empty);
    }

    [Test]
    public void A_gap_says_members_do_the_work_but_none_serves_the_place()
    {
        var lot = MatchOne(Lot("1", ["85310000"], ["S12000021"]),
            Member("A", ["85310000"], [Glasgow]), Member("B", ["85311000"], ["S12000033"]));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Gaps, Does.Contain("2 members do this work (CPV 85310000, Social work services) but none serves North Ayrshire for lot 1"));
            Assert.That(lot.Gaps, Has.None.Contains("no member covers CPV"));
        });
    }

    [Test]
    public void A_conflict_on_the_member_profile_excludes_it_from_that_buyer_only()
    {
        var conflicted = Member("A", ["85310000"], [Glasgow]);
        conflicted = conflicted with { Member = conflicted.Member with { Conflicts = ["Glasgow City Council"] } };
        var index = MemberIndex.Build([conflicted, Member("B", ["85310000"], [Glasgow])]);
        var glasgow = Notice(Lot("1", ["85310000"], [Glasgow])) with { Buyer = new Buyer(null, "Glasgow City Council") };
        var other = Notice(Lot("1", ["85310000"], [Glasgow])) with { Buyer = new Buyer(null, "NHS Greater Glasgow and Clyde") };
        Assert.Multiple(() =>
        {
            var lot = new PartnerMatcher(index).Match("o", glasgow).Lots.Single();
            Assert.That(lot.Excluded.Single().Reasons, Is.EqualTo(new[] { "declared a conflict of interest with Glasgow City Council" }));
            Assert.That(new PartnerMatcher(index).Match("o", other).Lots.Single().Excluded, Is.Empty);
            Assert.That(new PartnerMatcher(index).FullScan("o", glasgow).Lots.Single().Excluded.Single().MemberId, Is.EqualTo("A"));
        });
    }

    [TestCase("a minimum yearly turnover of £1.5m", 1_500_000)]
    [TestCase("Minimum turnover: GBP 250k", 250_000)]
    [TestCase("Turnover should be twice the estimated contract value", 200_000)]
    public void Turnover_minimum_is_read_from_the_criterion_text(string text, decimal expected) =>
        Assert.That(RequirementRules.MinimumTurnover([new SelectionCriterion("economic", text)], 100_000), Is.EqualTo(expected));

    [Test]
    public void A_declared_conflict_with_the_buyer_excludes()
    {
        var context = new MatchContext { Conflicts = new Dictionary<string, IReadOnlyList<string>> { ["A"] = ["north ayrshire council"] } };
        var lot = MatchOne(Lot("1", ["80200000"], []), context, null, Member("A", ["80200000"], []), Member("B", ["80200000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Single().MemberId, Is.EqualTo("B"));
            Assert.That(lot.Excluded.Single().Reasons, Is.EqualTo(new[] { "declared a conflict of interest with North Ayrshire Council" }));
        });
    }

    [Test]
    public void Size_against_the_lot_value_is_explained()
    {
        var lot = MatchOne(Lot("1", ["80200000"], [], value: 200_000), Member("A", ["80200000"], [], maxContract: 250_000), Member("B", ["80200000"], [], maxContract: 50_000));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A", "B" }));
            Assert.That(lot.Candidates[0].Reasons, Does.Contain("takes contracts up to 250k; the lot is 200k"));
            Assert.That(lot.Candidates[1].Reasons, Does.Contain("takes contracts up to 50k, part of the 200k lot"));
        });
    }

    [Test]
    public void Rotation_lifts_members_with_fewer_recent_invitations_and_awards()
    {
        var context = new MatchContext
        {
            Rotation = new Dictionary<string, RotationHistory> { ["A"] = new(2, 1), ["B"] = new(0, 0) },
        };
        var lot = MatchOne(Lot("1", ["80200000"], []), context, null, Member("A", ["80200000"], []), Member("B", ["80200000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "B", "A" }));
            Assert.That(lot.Candidates[1].Reasons, Does.Contain("rotation: 2 invitations and 1 award recently"));
        });
    }

    [Test]
    public void Gaps_name_the_codes_and_places_no_eligible_member_covers()
    {
        var lot = MatchOne(Lot("3", ["85311000", "90513000"], [Glasgow, Orkney]), Member("A", ["85311000"], [Glasgow]));
        Assert.That(lot.Gaps, Is.EqualTo(new[]
        {
            "no member covers CPV 90513000 (Non-hazardous refuse and waste treatment and disposal services) for lot 3",
            "no member serves Orkney Islands for lot 3",
        }));
    }

    [Test]
    public void A_lot_nobody_can_take_says_so()
    {
        var lot = MatchOne(Lot("2", ["60120000"], [Orkney]), Member("A", ["60120000"], [Glasgow]));
        Assert.That(lot.Gaps, Is.EqualTo(new[] { "no eligible member for lot 2", "1 member does this work (CPV 60120000, Taxi services) but none serves Orkney Islands for lot 2" }));
    }

    [Test]
    public void Equal_scores_rank_by_member_id_whatever_the_input_order()
    {
        var members = new[] { "C", "A", "B" }.Select(id => Member(id, ["80200000"], [])).ToArray();
        var lot = MatchOne(Lot("1", ["80200000"], []), members);
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.Score).Distinct().Count(), Is.EqualTo(1));
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "A", "B", "C" }));
        });
    }

    [Test]
    public void Settings_set_weights_and_thresholds()
    {
        var options = MatchingOptions.FromSettings(new JsonObject { ["matchMinScore"] = 0.95, ["matchMaxCandidates"] = 1, ["matchCpvWeight"] = "0.5" });
        Assert.Multiple(() =>
        {
            Assert.That(options.MinScore, Is.EqualTo(0.95));
            Assert.That(options.MaxCandidates, Is.EqualTo(1));
            Assert.That(options.CpvWeight, Is.EqualTo(0.5));
            Assert.That(options.TextWeight, Is.EqualTo(MatchingOptions.Default.TextWeight));
            Assert.That(MatchOne(Lot("1", ["80200000"], []), null, options, Member("A", ["80200000"], [])).Candidates, Is.Empty);
            Assert.That(() => MatchingOptions.FromSettings(new JsonObject { ["matchTextWeight"] = "heavy" }),
                Throws.TypeOf<BadInputException>().With.Message.EqualTo("settings.matchTextWeight: expected a number of at least 0, got \"heavy\""));
        });
    }

    [Test]
    public void The_shortlist_is_cut_at_the_maximum_and_keeps_the_best()
    {
        var options = MatchingOptions.Default with { MaxCandidates = 2, MaxExcluded = 1 };
        var lot = MatchOne(Lot("1", ["85311000"], [Glasgow]), null, options,
            Member("A", ["85300000"], [Glasgow], [Pvg(2027, 1, 1)]), Member("B", ["85311000"], [Glasgow], [Pvg(2027, 1, 1)]),
            Member("C", ["85311000"], [Glasgow], [Pvg(2027, 1, 1)]), Member("D", ["85311000"], [Orkney]), Member("E", ["85311000"], []));
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates.Select(c => c.MemberId), Is.EqualTo(new[] { "B", "C" }));
            Assert.That(lot.Excluded.Select(e => e.MemberId), Is.EqualTo(new[] { "D" }));
        });
    }
}
