using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using static TenderConsortium.Workflows.Tests.Definitions.DefinitionFixtures;

namespace TenderConsortium.Workflows.Tests.Definitions;

/// <summary>The JSON Schema is what editors check against; it must describe the same activities as the catalogue.</summary>
[TestFixture]
public sealed class SchemaTests
{
    private static JsonObject Schema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "workflow-definition.schema.json")))!.AsObject();

    private static IEnumerable<IActivity> BuiltIns() => BuiltInActivities.All();

    [Test]
    public void Is_a_draft_2020_12_schema()
    {
        Assert.That(Schema()["$schema"]!.GetValue<string>(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void Describes_the_properties_of(IActivity activity)
    {
        var descriptor = activity.Descriptor;
        var defs = Schema()["$defs"]!.AsObject();
        var properties = defs[descriptor.Type + "Properties"]?.AsObject();

        Assert.That(properties, Is.Not.Null, $"$defs.{descriptor.Type}Properties is missing");
        Assert.That(properties!["properties"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(descriptor.Properties.Select(p => p.Name)));
        Assert.That(properties["required"]!.AsArray().Select(r => r!.GetValue<string>()),
            Is.EquivalentTo(descriptor.Properties.Where(p => p.Required).Select(p => p.Name)));
        Assert.That(properties["additionalProperties"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void Offers_every_built_in_type_and_no_other()
    {
        var typeEnum = Schema()["$defs"]!["activity"]!["properties"]!["type"]!["anyOf"]![0]!["enum"]!.AsArray();

        Assert.That(typeEnum.Select(t => t!.GetValue<string>()), Is.EquivalentTo(BuiltIns().Select(a => a.Descriptor.Type)));
    }

    [Test]
    public void Examples_point_at_the_schema()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "examples", "approval-demo.json")))!;

        Assert.That(example["$schema"]!.GetValue<string>(), Is.EqualTo("../workflow-definition.schema.json"));
    }
}
