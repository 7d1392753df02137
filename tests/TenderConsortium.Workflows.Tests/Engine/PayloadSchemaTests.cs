using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class PayloadSchemaTests
{
    private static readonly PayloadSchema Schema = PayloadSchema.Parse(
        JsonNode.Parse("""{ "n": { "type": "integer", "required": true }, "price": { "type": "number" } }"""), []);

    [Test]
    public void Whole_numbers_built_in_code_or_parsed_from_json_are_integers()
    {
        Assert.That(Schema.Validate(new JsonObject { ["n"] = 5 }), Is.Empty);
        Assert.That(Schema.Validate(new JsonObject { ["n"] = 5L, ["price"] = 12.5m }), Is.Empty);
        Assert.That(Schema.Validate(JsonNode.Parse("""{ "n": 7.0 }""")), Is.Empty);
    }

    [Test]
    public void Fractions_and_strings_are_not_integers()
    {
        Assert.That(Schema.Validate(new JsonObject { ["n"] = 5.5 }), Is.EqualTo(new[] { "payload.n: expected integer" }));
        Assert.That(Schema.Validate(JsonNode.Parse("""{ "n": "5" }""")), Is.EqualTo(new[] { "payload.n: expected integer" }));
        Assert.That(Schema.Validate(JsonNode.Parse("[1]")), Is.EqualTo(new[] { "payload: expected a JSON object" }));
    }
}
