using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Tests.Definitions;

[TestFixture]
public sealed class ConditionTests
{
    private static readonly JsonObject Data = new()
    {
        ["variables"] = new JsonObject
        {
            ["decision"] = "approve",
            ["value"] = 1500000,
            ["share"] = 12.50m,
            ["confirmed"] = true,
            ["flag"] = "true",
            ["empty"] = null,
            ["regions"] = new JsonArray("north", "south"),
        },
        ["settings"] = new JsonObject { ["threshold"] = 1000000 },
    };

    [TestCase("""{"left": "=variables.decision", "op": "equals", "right": "approve"}""", true)]
    [TestCase("""{"left": "=variables.decision", "op": "notEquals", "right": "approve"}""", false)]
    [TestCase("""{"left": "=variables.decision", "op": "equals", "right": "Approve"}""", false)]
    [TestCase("""{"left": "=variables.value", "op": "greaterThan", "right": "=settings.threshold"}""", true)]
    [TestCase("""{"left": "=variables.share", "op": "equals", "right": 12.5}""", true)]
    [TestCase("""{"left": "=variables.share", "op": "lessOrEqual", "right": 12.5}""", true)]
    [TestCase("""{"left": "=variables.share", "op": "lessThan", "right": 12.5}""", false)]
    [TestCase("""{"left": "=variables.share", "op": "greaterOrEqual", "right": 13}""", false)]
    [TestCase("""{"left": "b", "op": "greaterThan", "right": "a"}""", true)]
    [TestCase("""{"left": "=variables.decision", "op": "in", "right": ["reject", "approve"]}""", true)]
    [TestCase("""{"left": "east", "op": "in", "right": "=variables.regions"}""", false)]
    [TestCase("""{"left": "=variables.decision", "op": "exists"}""", true)]
    [TestCase("""{"left": "=variables.missing", "op": "exists"}""", false)]
    [TestCase("""{"left": "=variables.empty", "op": "exists"}""", false)]
    [TestCase("""{"left": "=variables.missing", "op": "equals", "right": null}""", true)]
    [TestCase("""{"left": "=variables.missing", "op": "equals", "right": ""}""", false)]
    [TestCase("""{"left": "=variables.missing", "op": "lessThan", "right": 5}""", false)]
    [TestCase("""{"left": "=variables.confirmed", "op": "isTrue"}""", true)]
    [TestCase("""{"left": "=variables.flag", "op": "isTrue"}""", true)]
    [TestCase("""{"left": "=variables.decision", "op": "isTrue"}""", false)]
    [TestCase("""{"all": [{"left": "=variables.confirmed", "op": "isTrue"}, {"left": "=variables.value", "op": "greaterThan", "right": 10}]}""", true)]
    [TestCase("""{"any": [{"left": "=variables.missing", "op": "exists"}, {"left": "=variables.decision", "op": "equals", "right": "approve"}]}""", true)]
    [TestCase("""{"not": {"left": "=variables.decision", "op": "equals", "right": "approve"}}""", false)]
    public void Evaluates(string json, bool expected)
    {
        var problems = new List<(string Path, string Message)>();
        var condition = Condition.Parse(JsonNode.Parse(json), problems);

        Assert.That(problems, Is.Empty);
        Assert.That(condition.Evaluate(path => ValuePath.Get(Data, path)), Is.EqualTo(expected));
    }

    [TestCase("""{"left": 1, "op": "equals"}""", ".right", "required: a literal or a reference")]
    [TestCase("""{"left": 1, "op": "exists", "right": 2}""", ".right", "'exists' takes no \"right\"")]
    [TestCase("""{"op": "exists"}""", ".left", "required: a literal or a reference")]
    [TestCase("""{"left": 1, "op": "in", "right": 2}""", ".right", "expected an array of values or a reference to one")]
    [TestCase("""{"left": 1, "op": "lessThan", "right": true}""", ".right", "expected a number, a string or a reference")]
    [TestCase("""{"all": []}""", ".all", "expected a non-empty array of conditions")]
    [TestCase("""{"any": [{"left": 1, "op": "equals", "right": 1}, 5]}""", ".any[1]", "expected a condition")]
    [TestCase("""{"not": {"left": 1, "op": "equal", "right": 1}}""", ".not.op", "unknown operator 'equal'")]
    [TestCase("""{"left": 1, "op": "equals", "right": 1, "else": 2}""", ".else", "unknown member 'else'; expected left, op, right")]
    [TestCase("\"=variables.x\"", "", "expected a condition")]
    public void Reports_problems_with_relative_paths(string json, string path, string fragment)
    {
        var problems = new List<(string Path, string Message)>();
        var condition = Condition.Parse(JsonNode.Parse(json), problems);

        Assert.That(problems.Where(p => p.Path == path).Select(p => p.Message), Has.Some.Contains(fragment), string.Join("; ", problems));
        Assert.That(condition.Evaluate(_ => JsonValue.Create(1)), Is.False);
    }

    [Test]
    public void Lists_the_paths_it_reads()
    {
        var condition = Condition.Parse(JsonNode.Parse("""
            {"all": [
              {"left": "=variables.value", "op": "greaterThan", "right": "=settings.threshold"},
              {"not": {"left": "=instance.id", "op": "in", "right": ["x", "=variables.other"]}}
            ]}
            """), []);

        Assert.That(condition.ReferencedPaths, Is.EqualTo(new[] { "variables.value", "settings.threshold", "instance.id", "variables.other" }));
    }

    [Test]
    public void Prefixes_problem_paths_with_the_base_path()
    {
        var problems = new List<(string Path, string Message)>();
        Condition.Parse(JsonNode.Parse("""{"left": 1}"""), problems, "$.x.when");

        Assert.That(problems.Select(p => p.Path), Is.EqualTo(new[] { "$.x.when.op" }));
    }
}
