using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Tests.Definitions;

/// <summary>
/// Each file under Malformed/ breaks one rule; the loader must name the file, the JSON path and what it expected,
/// and must not bury the error under follow-on errors.
/// </summary>
[TestFixture]
public sealed class MalformedFileTests
{
    [TestCase("invalid-json.json", 1, "$", "invalid JSON at line 4, byte 20: ")]
    [TestCase("root-not-object.json", 1, "$", "expected a JSON object with \"id\", \"name\", \"activities\"")]
    [TestCase("missing-id.json", 1, "$.id", "required: a workflow id such as \"approval-demo\"")]
    [TestCase("invalid-id.json", 1, "$.id", "expected lowercase letters, digits and '-'")]
    [TestCase("unknown-top-level-member.json", 1, "$.version", "unknown member 'version'; expected one of $schema, id, name, description, settings, activities, connections")]
    [TestCase("empty-activities.json", 1, "$.activities", "expected a non-empty array of activities")]
    [TestCase("duplicate-activity-id.json", 1, "$.activities[2].id", "duplicate activity id 'wait'; it is already used at $.activities[1]")]
    [TestCase("unknown-activity-type.json", 1, "$.activities[1].type",
        "unknown activity type 'Sleep'; known types: Decision, Delay, End, Fork, Join, SendEmail, SetVariable, Start, WaitForSignal, WaitUntil")]
    [TestCase("mistyped-duration.json", 1, "$.activities[1].properties.duration",
        "expected an ISO 8601 duration such as \"P3D\" or \"PT2S\", got \"3 days\"")]
    [TestCase("missing-required-property.json", 1, "$.activities[1].properties.bookmark",
        "required property 'bookmark' of WaitForSignal is missing; expected a string")]
    [TestCase("unknown-property.json", 1, "$.activities[1].properties.durration", "unknown property 'durration' for Delay; expected one of duration")]
    [TestCase("undeclared-setting.json", 1, "$.activities[1].properties.duration", "setting 'nope' is not declared; declared settings: reminder")]
    [TestCase("setting-type-mismatch.json", 1, "$.activities[1].properties.duration",
        "setting 'requester' is of type string, but property 'duration' expects an ISO 8601 duration")]
    [TestCase("no-start.json", 1, "$.activities", "expected exactly one Start activity, found none")]
    [TestCase("two-starts.json", 1, "$.activities[1].type", "expected exactly one Start activity; 'start' at $.activities[0] is already one")]
    [TestCase("dangling-connection.json", 1, "$.connections[1].to", "unknown activity 'finish'; expected one of the activity ids: start, wait, end")]
    [TestCase("unknown-outcome.json", 1, "$.connections[1].outcome", "'approved' is not an outcome of 'wait' (WaitForSignal); expected one of done, timedOut")]
    [TestCase("end-with-outgoing.json", 1, "$.connections[1].from", "'end' (End) has no outcomes")]
    [TestCase("unreachable-activity.json", 1, "$.activities[2]", "activity 'orphan' is unreachable")]
    [TestCase("cycle-without-wait.json", 1, "$.activities[1]", "cycle without a waiting activity: check -> count -> check; every loop must pass through an activity that waits (Delay, WaitForSignal, WaitUntil)")]
    [TestCase("condition-syntax.json", 1, "$.activities[2].properties.rules[0].when.op", "unknown operator 'eq'; expected one of equals, notEquals")]
    [TestCase("payload-schema.json", 1, "$.activities[1].properties.payload.decision.type", "expected one of string, number, integer, boolean, object, array")]
    public void Reports_the_error_with_its_path_and_expectation(string file, int errorCount, string path, string fragment)
    {
        var json = File.ReadAllText(Path.Combine(DefinitionFixtures.MalformedDirectory, file));

        var result = DefinitionFixtures.Loader.TryParse(json, file);

        Assert.That(result.Definition, Is.Null);
        DefinitionFixtures.AssertError(result.Errors, path, fragment);
        Assert.That(result.Errors, Has.Count.EqualTo(errorCount), string.Join(Environment.NewLine, result.Errors));
        Assert.That(result.Errors.Select(e => e.File), Is.All.EqualTo(file));
    }

    [Test]
    public void Every_malformed_file_has_a_case()
    {
        var covered = typeof(MalformedFileTests).GetMethod(nameof(Reports_the_error_with_its_path_and_expectation))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>()
            .Select(a => (string)a.Arguments[0]!);
        var files = Directory.EnumerateFiles(DefinitionFixtures.MalformedDirectory, "*.json").Select(Path.GetFileName);

        Assert.That(files, Is.EquivalentTo(covered));
    }

    [Test]
    public void Parse_throws_with_every_error_of_the_file()
    {
        var json = File.ReadAllText(Path.Combine(DefinitionFixtures.MalformedDirectory, "unknown-property.json"));

        var ex = Assert.Throws<DefinitionException>(() => DefinitionFixtures.Loader.Parse(json, "unknown-property.json"));

        Assert.That(ex.Errors.Select(e => e.ToString()), Has.Some.StartsWith("unknown-property.json: $.activities[1].properties.durration: unknown property"));
        Assert.That(ex.Message, Does.Contain("durration"));
    }
}
