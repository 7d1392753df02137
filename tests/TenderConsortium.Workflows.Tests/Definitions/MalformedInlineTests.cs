using System.Text.Json.Nodes;
using static TenderConsortium.Workflows.Tests.Definitions.DefinitionFixtures;

namespace TenderConsortium.Workflows.Tests.Definitions;

/// <summary>Malformed definitions made by breaking one piece of a minimal valid one.</summary>
[TestFixture]
public sealed class MalformedInlineTests
{
    [Test]
    public void The_minimal_definition_is_valid()
    {
        Assert.That(ErrorsOf(Minimal()), Is.Empty);
    }

    [Test]
    public void Missing_name()
    {
        var d = Minimal();
        d.Remove("name");
        AssertOnly(d, "$.name", "required: a non-empty display name");
    }

    [Test]
    public void Activities_not_an_array()
    {
        var d = Minimal();
        d["activities"] = new JsonObject();
        AssertError(ErrorsOf(d), "$.activities", "expected a non-empty array of activities");
    }

    [Test]
    public void Activity_without_type()
    {
        var d = Minimal();
        Activity(d, 1).Remove("type");
        AssertOnly(d, "$.activities[1].type", "required: an activity type: one of Decision, Delay, End");
    }

    [Test]
    public void Activity_without_id()
    {
        var d = Minimal();
        Activity(d, 2).Remove("id");
        var errors = ErrorsOf(d);
        AssertError(errors, "$.activities[2].id", "required: an activity id");
        // The connection to the id-less activity cannot resolve either.
        AssertError(errors, "$.connections[1].to", "unknown activity 'end'");
    }

    [Test]
    public void Value_outside_the_allowed_values()
    {
        var d = Minimal();
        d["activities"]!.AsArray().Insert(2, new JsonObject { ["id"] = "join", ["type"] = "Join", ["properties"] = new JsonObject { ["mode"] = "some" } });
        Connections(d)[1]!["to"] = "join";
        Connections(d).Add(new JsonObject { ["from"] = "join", ["to"] = "end" });
        AssertOnly(d, "$.activities[2].properties.mode", "expected one of all, any, count, got \"some\"");
    }

    [Test]
    public void Reference_where_none_is_allowed()
    {
        var d = Minimal();
        Activity(d, 1)["type"] = "WaitForSignal";
        Activity(d, 1)["properties"] = new JsonObject { ["bookmark"] = "=settings.pause" };
        AssertOnly(d, "$.activities[1].properties.bookmark", "property 'bookmark' does not accept a reference; expected a literal: a string");
    }

    [Test]
    public void Reference_with_an_unknown_root()
    {
        var d = Minimal();
        Activity(d, 1)["properties"]!["duration"] = "=vars.pause";
        AssertOnly(d, "$.activities[1].properties.duration", "unknown reference root 'vars' in \"=vars.pause\"; expected one of settings, variables, instance");
    }

    [Test]
    public void Setting_with_an_unknown_type()
    {
        var d = Minimal();
        d["settings"]!["pause"]!["type"] = "timespan";
        var errors = ErrorsOf(d);
        AssertError(errors, "$.settings.pause.type", "unknown setting type 'timespan'; expected one of string, number, integer, boolean, duration, datetime, string[], object, condition");
        // The reference to the broken setting is not reported again as undeclared.
        Assert.That(errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Setting_default_that_does_not_fit_its_type()
    {
        var d = Minimal();
        d["settings"]!["pause"]!["default"] = "3d";
        AssertOnly(d, "$.settings.pause.default", "expected an ISO 8601 duration such as \"P3D\" or \"PT2S\", got \"3d\"");
    }

    [Test]
    public void Connection_without_from()
    {
        var d = Minimal();
        Connections(d)[1]!.AsObject().Remove("from");
        var errors = ErrorsOf(d);
        AssertError(errors, "$.connections[1].from", "required: the id of the activity the connection leaves");
        AssertError(errors, "$.activities[2]", "activity 'end' is unreachable");
    }

    [Test]
    public void Duplicate_connection()
    {
        var d = Minimal();
        Connections(d).Add(new JsonObject { ["from"] = "wait", ["to"] = "end" });
        AssertOnly(d, "$.connections[2]", "duplicate connection wait:done->end; the same connection is at $.connections[1]");
    }

    [Test]
    public void Loop_through_a_waiting_activity_is_accepted()
    {
        var d = Minimal();
        d["activities"]!.AsArray().Insert(2, new JsonObject
        {
            ["id"] = "again",
            ["type"] = "Decision",
            ["properties"] = new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["when"] = new JsonObject { ["left"] = "=variables.round", ["op"] = "lessThan", ["right"] = 3 },
                    ["outcome"] = "repeat",
                }),
            },
        });
        Connections(d)[1]!["to"] = "again";
        Connections(d).Add(new JsonObject { ["from"] = "again", ["outcome"] = "repeat", ["to"] = "wait" });
        Connections(d).Add(new JsonObject { ["from"] = "again", ["outcome"] = "otherwise", ["to"] = "end" });

        Assert.That(ErrorsOf(d), Is.Empty);
    }

    [Test]
    public void Loop_that_bypasses_the_waiting_activity_of_a_larger_loop_is_reported()
    {
        // wait -> a -> b -> a spins without passing "wait" again, although a -> wait is also a loop.
        var d = Minimal();
        var activities = d["activities"]!.AsArray();
        activities.Insert(2, Decision("a", "toB"));
        activities.Insert(3, Decision("b", "toA"));
        var connections = Connections(d);
        connections[1]!["to"] = "a";
        connections.Add(new JsonObject { ["from"] = "a", ["outcome"] = "toB", ["to"] = "b" });
        connections.Add(new JsonObject { ["from"] = "b", ["outcome"] = "toA", ["to"] = "a" });
        connections.Add(new JsonObject { ["from"] = "a", ["outcome"] = "otherwise", ["to"] = "wait" });
        connections.Add(new JsonObject { ["from"] = "b", ["outcome"] = "otherwise", ["to"] = "end" });

        AssertOnly(d, "$.activities[2]", "cycle without a waiting activity: a -> b -> a");
    }

    [Test]
    public void Condition_referring_to_an_undeclared_setting()
    {
        var d = Minimal();
        d["activities"]!.AsArray().Insert(2, Decision("check", "late", "=settings.deadline"));
        Connections(d)[1]!["to"] = "check";
        Connections(d).Add(new JsonObject { ["from"] = "check", ["outcome"] = "late", ["to"] = "end" });
        Connections(d).Add(new JsonObject { ["from"] = "check", ["outcome"] = "otherwise", ["to"] = "end" });
        AssertOnly(d, "$.activities[2].properties.rules[0].when", "setting 'deadline' is not declared; declared settings: pause");
    }

    [Test]
    public void Placeholder_with_an_undeclared_setting()
    {
        AssertOnly(EmailTo("{{settings.lead}}"), "$.activities[1].properties.to[0]", "setting 'lead' is not declared");
    }

    [Test]
    public void Reference_inside_a_list_is_refused()
    {
        AssertOnly(EmailTo("=settings.pause"), "$.activities[1].properties.to[0]", "a list item is not resolved as a reference; write \"{{settings.pause}}\"");
    }

    [Test]
    public void Duplicate_member_names_are_refused()
    {
        const string json = """{"id": "a", "id": "b", "name": "x", "activities": [{"id": "start", "type": "Start"}]}""";
        var errors = Loader.TryParse(json, "dup.json").Errors;
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Path, Is.EqualTo("$"));
        Assert.That(errors[0].Message, Does.StartWith("invalid JSON").And.Contain("'id'"));
    }

    [Test]
    public void All_errors_are_collected_in_one_pass()
    {
        var d = Minimal();
        d.Remove("name");
        Activity(d, 1)["properties"]!["duration"] = "soon";
        Connections(d)[1]!["to"] = "finish";

        var errors = ErrorsOf(d);

        Assert.That(errors.Select(e => e.Path), Is.SupersetOf(new[] { "$.name", "$.activities[1].properties.duration", "$.connections[1].to" }));
    }

    private static JsonObject Decision(string id, string outcome, string left = "=variables.x") => new()
    {
        ["id"] = id,
        ["type"] = "Decision",
        ["properties"] = new JsonObject
        {
            ["rules"] = new JsonArray(new JsonObject
            {
                ["when"] = new JsonObject { ["left"] = left, ["op"] = "exists" },
                ["outcome"] = outcome,
            }),
        },
    };

    /// <summary>The minimal definition with its middle activity turned into an email to <paramref name="recipient"/>.</summary>
    private static JsonObject EmailTo(string recipient)
    {
        var d = Minimal();
        Activity(d, 1)["type"] = "SendEmail";
        Activity(d, 1)["properties"] = new JsonObject
        {
            ["to"] = new JsonArray(recipient),
            ["subject"] = "Hello",
            ["body"] = "Text",
        };
        return d;
    }

    private static void AssertOnly(JsonObject definition, string path, string fragment)
    {
        var errors = ErrorsOf(definition);
        AssertError(errors, path, fragment);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, errors));
    }
}
