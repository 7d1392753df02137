using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using static TenderConsortium.Tests.Matching.Registry;

namespace TenderConsortium.Tests.Matching;

/// <summary>Properties of the matcher on generated registries (fixed seeds, so a failure is reproducible).</summary>
public sealed class MatchingPropertyTests
{
    private static readonly Lot[] Lots =
    [
        Lot("1", ["85311000"], [Glasgow], "Care at home for older people", 400_000),
        Lot("2", ["80530000"], [NorthAyrshire], "Employability training for young people", 90_000),
        Lot("3", ["60130000"], [Scotland], "Community transport for disabled people"),
        Lot("4", ["90513000", "77314000"], ["S12000047", Orkney], "Recycling and grounds maintenance", 60_000),
        Lot("5", ["79000000"], [], "Befriending and welfare advice"),
    ];

    private static List<MatchMember> Generated(int seed, int count) =>
        new MemberGenerator(seed).Generate(count).Select(m => new MatchMember(m.RegistrationNumber, m)).ToList();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void The_index_and_the_full_scan_give_identical_results(int seed)
    {
        var matcher = new PartnerMatcher(MemberIndex.Build(Generated(seed, 3000)), MatchingOptions.Default with { MaxCandidates = 10, MaxExcluded = 10 });
        var notice = Notice(Lots);
        var context = new MatchContext { Rotation = new Dictionary<string, RotationHistory> { ["SC0000007"] = new(3, 1) } };
        var indexed = matcher.Match("o", notice, context);
        Assert.Multiple(() =>
        {
            Assert.That(Json(indexed), Is.EqualTo(Json(matcher.FullScan("o", notice, context))));
            Assert.That(indexed.Lots.Sum(l => l.Candidates.Count), Is.GreaterThan(20), "the comparison is not vacuous");
            Assert.That(indexed.Lots.Sum(l => l.Excluded.Count), Is.GreaterThan(10));
        });
    }

    [TestCase(11)]
    [TestCase(12)]
    public void Adding_a_capability_or_an_area_never_lowers_a_members_score(int seed)
    {
        var random = new Random(seed);
        var members = Generated(seed, 1200);
        var options = MatchingOptions.Default with { MaxCandidates = 1000, MinScore = 0 };
        var before = Scores(members, options);
        var extraCodes = new[] { "85311000", "80530000", "60130000", "90513000", "77314000", "85320000", "98000000" };
        var councils = ScottishPlaces.Default.Councils;
        var changed = members.Select(m => random.Next(2) == 0
                ? m with { Member = m.Member with { Cpv = m.Member.Cpv.Append(extraCodes[random.Next(extraCodes.Length)]).Distinct().ToList() } }
                : m with { Member = m.Member with { ServiceAreas = m.Member.ServiceAreas.Append(councils[random.Next(councils.Count)].Code).Distinct().ToList() } })
            .ToList();
        var after = Scores(changed, options);
        var checkedPairs = 0;
        Assert.Multiple(() =>
        {
            foreach (var (key, score) in before)
            {
                Assert.That(after.ContainsKey(key), Is.True, $"{key} lost its place on the shortlist");
                if (after.TryGetValue(key, out var now)) Assert.That(now, Is.GreaterThanOrEqualTo(score), key);
                checkedPairs++;
            }
        });
        Assert.That(checkedPairs, Is.GreaterThan(100));
    }

    [TestCase(21)]
    [TestCase(22)]
    public void An_expired_mandatory_certification_always_excludes(int seed)
    {
        // Every care member's PVG expires the day before the deadline: none of them may be shortlisted for care.
        var members = Generated(seed, 1500)
            .Select(m => m with
            {
                Member = m.Member with
                {
                    Certifications = m.Member.Certifications
                        .Select(c => c.Kind == CertificationKind.PvgDisclosure ? c with { Expires = new DateOnly(2026, 3, 30) } : c).ToList(),
                },
            })
            .ToList();
        var lot = Notice(Lot("1", ["85311000"], [Scotland], "Care at home"));
        var result = new PartnerMatcher(MemberIndex.Build(members), MatchingOptions.Default with { MaxExcluded = 2000 }).Match("o", lot).Lots.Single();
        var expired = result.Excluded.Where(e => e.Reasons.Contains("PVG expired on 2026-03-30, before the deadline 2026-03-31")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Candidates, Is.Empty);
            Assert.That(expired, Has.Count.GreaterThan(50));
            Assert.That(result.Gaps, Does.Contain("no eligible member for lot 1"));
        });
    }

    [TestCase(31)]
    public void The_ranking_is_deterministic_for_equal_scores_and_any_input_order(int seed)
    {
        var members = Generated(seed, 2000);
        var shuffled = members.OrderBy(_ => Guid.NewGuid()).ToList();
        var notice = Notice(Lots);
        var first = new PartnerMatcher(MemberIndex.Build(members)).Match("o", notice);
        var second = new PartnerMatcher(MemberIndex.Build(shuffled)).Match("o", notice);
        var ties = first.Lots.SelectMany(l => l.Candidates.GroupBy(c => c.Score).Where(g => g.Count() > 1)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Json(second), Is.EqualTo(Json(first)));
            Assert.That(ties, Is.Not.Empty, "the registry has equal scores to order");
            foreach (var tie in ties) Assert.That(tie.Select(c => c.MemberId), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        });
    }

    private static Dictionary<string, double> Scores(List<MatchMember> members, MatchingOptions options) =>
        new PartnerMatcher(MemberIndex.Build(members), options).Match("o", Notice(Lots))
            .Lots.SelectMany(l => l.Candidates.Select(c => ($"{l.LotId}/{c.MemberId}", c.Score)))
            .ToDictionary(p => p.Item1, p => p.Score);
}
