using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>
/// JSON numbers beyond decimal's range (1e400 is valid JSON) once threw OverflowException out of start; they must be
/// refused like any other value that is not a number.
/// </summary>
public sealed class NumberSettingTests : RuntimeTestBase
{
    private const string Budget = """
    {
      "id": "budget", "name": "Budget",
      "settings": { "ceiling": { "type": "number", "default": 1000 } },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "go" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "to": "end" } ]
    }
    """;

    [Test]
    public async Task A_number_setting_too_large_for_decimal_is_refused_with_a_message()
    {
        await Node.RegisterAsync(Budget);
        var ex = Assert.ThrowsAsync<WorkflowInputException>(() =>
            Node.Runtime.StartAsync("budget", settings: new JsonObject { ["ceiling"] = JsonNode.Parse("1e400") }));
        Assert.That(ex!.Problems, Is.EqualTo(new[] { "settings.ceiling: expected a number" }));
    }

    [Test]
    public async Task A_number_setting_in_exponent_form_within_range_is_accepted()
    {
        await Node.RegisterAsync(Budget);
        var started = await Node.Runtime.StartAsync("budget", settings: new JsonObject { ["ceiling"] = JsonNode.Parse("1e6") });
        Assert.That((await Node.InstanceAsync(started.InstanceId)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
    }

    [TestCase("1e400")]
    [TestCase("-1e400")]
    public void Out_of_range_numbers_do_not_convert(string json)
    {
        Assert.That(ValueConversion.TryConvert(JsonNode.Parse(json), ValueKind.Number, out var value), Is.False);
        Assert.That(value, Is.Null);
    }
}
