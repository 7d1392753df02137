using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Tests.Matching;

/// <summary>
/// Bad match… settings are input problems naming the key, found at start, rather than an ArgumentException in the
/// middle of a bid or, for an overflowing length, a silently empty shortlist.
/// </summary>
public sealed class MatchingSettingsTests
{
    [Test]
    public void Each_bad_value_is_a_problem_naming_its_setting()
    {
        var ex = Assert.Throws<BadInputException>(() => MatchingOptions.FromSettings(new JsonObject
        {
            ["matchTextWeight"] = "heavy",
            ["matchCpvWeight"] = -0.5,
            ["matchMinCpvLevel"] = "clas",
            ["matchMaxCandidates"] = JsonNode.Parse("1e10"),
            ["matchMaxExcluded"] = 2.5,
        }));
        Assert.That(ex!.Problems, Is.EqualTo(new[]
        {
            "settings.matchCpvWeight: expected a number of at least 0, got -0.5",
            "settings.matchTextWeight: expected a number of at least 0, got \"heavy\"",
            "settings.matchMinCpvLevel: expected one of exact, category, class, group, division, got \"clas\"",
            "settings.matchMaxCandidates: expected a whole number from 0 to 2147483647, got 1e10",
            "settings.matchMaxExcluded: expected a whole number from 0 to 2147483647, got 2.5",
        }));
    }

    [TestCase("none")]
    [TestCase("2")]
    [TestCase("class,group")]
    public void A_level_must_be_one_of_the_named_levels(string level)
    {
        var ex = Assert.Throws<BadInputException>(() => MatchingOptions.FromSettings(new JsonObject { ["matchMinCpvLevel"] = level }));
        Assert.That(ex!.Problems, Is.EqualTo(new[] { $"settings.matchMinCpvLevel: expected one of exact, category, class, group, division, got \"{level}\"" }));
    }

    [Test]
    public void Whole_numbers_in_any_json_form_and_named_levels_in_any_case_are_accepted()
    {
        var options = MatchingOptions.FromSettings(new JsonObject
        {
            ["matchMaxCandidates"] = JsonNode.Parse("1e2"),
            ["matchMaxExcluded"] = 0,
            ["matchMinCpvLevel"] = "Group",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxCandidates, Is.EqualTo(100));
            Assert.That(options.MaxExcluded, Is.EqualTo(0));
            Assert.That(options.MinCpvLevel, Is.EqualTo(CpvCloseness.Group));
        });
    }

    [Test]
    public void The_start_check_reports_bad_matching_settings_with_the_others()
    {
        var problems = TenderSettingsCheck.Problems(new JsonObject
        {
            ["matchMinCpvLevel"] = "clas",
            ["matchMaxCandidates"] = JsonNode.Parse("1e10"),
            ["allocation"] = new JsonObject { ["maxSharePerMember"] = "140%" },
        });
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "settings.maxSharePerMember: expected a fraction from 0 to 1 (or text like \"40%\"), got \"140%\"",
            "settings.matchMinCpvLevel: expected one of exact, category, class, group, division, got \"clas\"",
            "settings.matchMaxCandidates: expected a whole number from 0 to 2147483647, got 1e10",
        }));
    }
}
