using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>
/// A person's answer given for one stage must not be kept for a later stage that waits on the same bookmark. Asking
/// "is it waiting?" and then resuming leaves a gap in which another answer moves the instance on; the resume option
/// "only if waiting" decides inside the resume's transaction instead.
/// </summary>
public sealed class OnlyIfWaitingTests
{
    /// <summary>The lead decides, something else happens, then the lead decides again (a second round) on the same bookmark.</summary>
    private const string TwoRounds = """
    {
      "id": "two-rounds", "name": "Two rounds",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "first", "type": "WaitForSignal", "properties": { "bookmark": "decision", "key": "lead", "output": "first" } },
        { "id": "between", "type": "WaitForSignal", "properties": { "bookmark": "revised", "key": "lead" } },
        { "id": "second", "type": "WaitForSignal", "properties": { "bookmark": "decision", "key": "lead", "output": "second" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "first" }, { "from": "first", "to": "between" }, { "from": "between", "to": "second" }, { "from": "second", "to": "end" } ]
    }
    """;

    private static readonly ResumeOptions OnlyIfWaiting = new(OnlyIfWaiting: true);

    private RuntimeHarness _node = null!;

    [SetUp]
    public async Task Start() => _node = await RuntimeHarness.StartAsync(definitions: [TwoRounds, Definitions.DelayThenSignal]);

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _node.DeleteFolder();
    }

    [Test]
    public async Task A_waiting_bookmark_is_resumed_as_usual()
    {
        var id = (await _node.Runtime.StartAsync("two-rounds")).InstanceId;
        var result = await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 1 }, OnlyIfWaiting with { IdempotencyKey = "a" });
        Assert.That(result.Status, Is.EqualTo(ResumeStatus.Applied));
        Assert.That((await _node.InstanceAsync(id)).Bookmarks.Select(b => b.Name), Is.EqualTo(new[] { "revised" }));
    }

    [Test]
    public async Task A_late_answer_is_refused_and_not_kept_for_the_next_round()
    {
        var id = (await _node.Runtime.StartAsync("two-rounds")).InstanceId;
        await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 1 }, "first-click");

        var late = await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 2 }, OnlyIfWaiting with { IdempotencyKey = "second-click" });
        Assert.That(late.Status, Is.EqualTo(ResumeStatus.NotWaiting));
        await _node.Runtime.ResumeAsync(id, "revised", "lead", null, "revised");

        var details = await _node.InstanceAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(details.Summary.Status, Is.EqualTo(InstanceStatus.Suspended), "the second round waits for its own answer");
            Assert.That(details.Bookmarks.Select(b => b.Name), Is.EqualTo(new[] { "decision" }));
            Assert.That(details.Variables["second"], Is.Null);
            Assert.That(details.Journal.Count(j => j.Kind == JournalKinds.SignalKept), Is.Zero);
        });
    }

    [Test]
    public async Task Without_the_option_the_same_late_answer_is_kept_and_taken_by_the_next_round()
    {
        // What the option prevents: the default keeps an early signal, which here is a stale one.
        var id = (await _node.Runtime.StartAsync("two-rounds")).InstanceId;
        await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 1 }, "first-click");
        var late = await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 2 }, "second-click");
        Assert.That(late.Status, Is.EqualTo(ResumeStatus.NotYetWaiting));
        await _node.Runtime.ResumeAsync(id, "revised", "lead", null, "revised");
        var details = await _node.InstanceAsync(id);
        Assert.That(details.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(details.Variables["second"]!["n"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Of_answers_racing_for_one_bookmark_exactly_one_is_applied_and_none_is_kept()
    {
        var id = (await _node.Runtime.StartAsync("two-rounds")).InstanceId;
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(n => Task.Run(() =>
            _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = n }, OnlyIfWaiting with { IdempotencyKey = $"click-{n}" }))));

        Assert.That(answers.Count(a => a.Status == ResumeStatus.Applied), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.Status == ResumeStatus.NotWaiting), Is.EqualTo(11));
        await _node.Runtime.ResumeAsync(id, "revised", "lead", null, "revised");
        var details = await _node.InstanceAsync(id);
        Assert.That(details.Bookmarks.Select(b => b.Name), Is.EqualTo(new[] { "decision" }), "the second round still waits");
        Assert.That(details.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(2));
    }

    [Test]
    public async Task A_retry_of_an_applied_answer_is_still_a_duplicate()
    {
        var id = (await _node.Runtime.StartAsync("two-rounds")).InstanceId;
        var options = OnlyIfWaiting with { IdempotencyKey = "double-click" };
        var first = await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 1 }, options);
        var again = await _node.Runtime.ResumeAsync(id, "decision", "lead", new JsonObject { ["n"] = 1 }, options);
        Assert.That((first.Status, again.Status), Is.EqualTo((ResumeStatus.Applied, ResumeStatus.Duplicate)));
    }

    [Test]
    public async Task An_answer_before_its_bookmark_exists_is_refused_and_the_instance_waits_for_a_new_one()
    {
        var id = (await _node.Runtime.StartAsync("delay-then-signal", new JsonObject { ["member"] = "m1" })).InstanceId;
        var early = await _node.Runtime.ResumeAsync(id, "go", "m1", new JsonObject { ["answer"] = "yes" }, OnlyIfWaiting with { IdempotencyKey = "early" });
        Assert.That(early.Status, Is.EqualTo(ResumeStatus.NotWaiting));

        _node.Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await _node.Runtime.FireDueTimersAsync(), Is.EqualTo(1));
        var details = await _node.InstanceAsync(id);
        Assert.That(details.Bookmarks.Select(b => $"{b.Name}/{b.Key}"), Is.EqualTo(new[] { "go/m1" }));
        var now = await _node.Runtime.ResumeAsync(id, "go", "m1", new JsonObject { ["answer"] = "yes" }, OnlyIfWaiting with { IdempotencyKey = "early" });
        Assert.That(now.Status, Is.EqualTo(ResumeStatus.Applied), "the refused key was not recorded, so it may be sent again");
    }
}
