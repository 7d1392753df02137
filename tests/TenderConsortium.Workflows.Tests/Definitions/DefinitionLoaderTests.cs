using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using static TenderConsortium.Workflows.Tests.Definitions.DefinitionFixtures;

namespace TenderConsortium.Workflows.Tests.Definitions;

[TestFixture]
public sealed class DefinitionLoaderTests
{
    private static string ExampleJson => File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "examples", "approval-demo.json"));

    [Test]
    public void Reads_the_approval_example()
    {
        var definition = Loader.Parse(ExampleJson, "examples/approval-demo.json");

        Assert.Multiple(() =>
        {
            Assert.That(definition.Id, Is.EqualTo("approval-demo"));
            Assert.That(definition.Name, Is.EqualTo("Approval demo"));
            Assert.That(definition.SourcePath, Is.EqualTo("examples/approval-demo.json"));
            Assert.That(definition.Json, Is.EqualTo(ExampleJson));
            Assert.That(definition.Hash, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(definition.StartActivity.Id, Is.EqualTo("start"));
            Assert.That(definition.Settings["coolingOff"].Type, Is.EqualTo(ValueKind.Duration));
            Assert.That(definition.Settings["coolingOff"].Default!.GetValue<string>(), Is.EqualTo("PT2S"));
            Assert.That(definition.Activity("await-approval").DisplayName, Is.EqualTo("Awaiting approval"));
            // An omitted outcome means "done".
            Assert.That(definition.Outgoing("start", "done").Single().To, Is.EqualTo("await-approval"));
        });
    }

    [Test]
    public void Every_example_in_the_repository_is_valid()
    {
        var results = Loader.LoadDirectory(Path.Combine(RepositoryRoot(), "workflows", "examples"));

        Assert.That(results, Is.Not.Empty);
        Assert.That(results.SelectMany(r => r.Errors).Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public void Hash_ignores_whitespace_and_the_schema_location()
    {
        var original = Loader.Parse(ExampleJson, "a.json");
        var node = JsonNode.Parse(ExampleJson)!.AsObject();
        var compact = node.ToJsonString();
        node["$schema"] = "https://elsewhere.example/schema.json";
        var indented = node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        Assert.That(Loader.Parse(compact, "b.json").Hash, Is.EqualTo(original.Hash));
        Assert.That(Loader.Parse(indented, "c.json").Hash, Is.EqualTo(original.Hash));
    }

    [Test]
    public void Hash_changes_with_the_content()
    {
        var original = Loader.Parse(ExampleJson, "a.json");
        var node = JsonNode.Parse(ExampleJson)!.AsObject();
        node["settings"]!["coolingOff"]!["default"] = "PT3S";

        Assert.That(Loader.Parse(node.ToJsonString(), "b.json").Hash, Is.Not.EqualTo(original.Hash));
    }

    [Test]
    public void A_custom_activity_is_checked_by_its_own_rules()
    {
        var errors = ScoreLoader.TryParse(WithScore(150).ToJsonString(), "custom.json").Errors;

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Path, Is.EqualTo("$.activities[1].properties.weight"));
        Assert.That(errors[0].Message, Is.EqualTo("expected at most 100"));
    }

    [Test]
    public void A_custom_activity_that_passes_its_rules_is_accepted()
    {
        var d = WithScore(40);
        // Score does not wait, so the loop back to itself spins.
        Connections(d).Add(new JsonObject { ["from"] = "wait", ["outcome"] = "scored", ["to"] = "wait" });

        var errors = ScoreLoader.TryParse(d.ToJsonString(), "custom.json").Errors;

        Assert.That(errors.Select(e => (e.Path, e.Message)), Is.EqualTo(new[]
        {
            ("$.activities[1]", "cycle without a waiting activity: wait -> wait; every loop must pass through an activity that waits (Delay, WaitForSignal, WaitUntil)"),
        }));
    }

    private static DefinitionLoader ScoreLoader { get; } = new(ActivityCatalogue.WithBuiltIns(new ScoreActivity()));

    /// <summary>The minimal definition with its middle activity turned into a Score of <paramref name="weight"/>.</summary>
    private static JsonObject WithScore(int weight)
    {
        var d = Minimal();
        Activity(d, 1)["type"] = "Score";
        Activity(d, 1)["properties"] = new JsonObject { ["weight"] = weight };
        Connections(d)[1]!["outcome"] = "scored";
        return d;
    }

    /// <summary>A test-only activity with a property range check of its own.</summary>
    private sealed class ScoreActivity : IActivity
    {
        public ActivityDescriptor Descriptor { get; } = new()
        {
            Type = "Score",
            Description = "Scores a bid.",
            Properties = [new PropertyDescriptor("weight", ValueKind.Integer, true, "Weight 0-100.")],
            Outcomes = ["scored"],
        };

        public IEnumerable<(string Path, string Message)> Validate(ActivityNode node)
        {
            if (node.Properties["weight"] is JsonValue v && v.TryGetValue<long>(out var weight) && weight > 100)
                yield return (".properties.weight", "expected at most 100");
        }

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Complete("scored"));
    }
}
