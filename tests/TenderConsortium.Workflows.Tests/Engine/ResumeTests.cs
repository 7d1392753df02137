using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class ResumeTests : RuntimeTestBase
{
    [Test]
    public async Task Start_suspends_on_the_bookmark_and_resume_runs_to_the_end()
    {
        var started = await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot 1" });
        var waiting = await Node.InstanceAsync(started.InstanceId);
        Assert.That(waiting.Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
        Assert.That(waiting.Bookmarks.Select(b => $"{b.Name}/{b.Key}"), Is.EqualTo(new[] { "approval/lead" }));

        var result = await Node.Runtime.ResumeAsync(started.InstanceId, "approval", "lead", new JsonObject { ["decision"] = "approve" }, "k1", "lead@example.org");
        Assert.That(result.Status, Is.EqualTo(ResumeStatus.Applied));
        var done = await Node.InstanceAsync(started.InstanceId);
        Assert.Multiple(() =>
        {
            Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
            Assert.That(done.Bookmarks, Is.Empty);
            Assert.That(done.Variables["approval"]!["decision"]!.GetValue<string>(), Is.EqualTo("approve"));
            Assert.That(done.Journal.Single(j => j.Kind == JournalKinds.Resumed).Actor, Is.EqualTo("lead@example.org"));
        });
        var mail = await Node.Queries.ListOutboxAsync(instanceId: started.InstanceId);
        Assert.That(mail.Select(m => m.Subject), Is.EqualTo(new[] { "Approved Lot 1" }));
    }

    [Test]
    public async Task Start_answers_the_status_the_instance_has_after_its_first_burst()
    {
        var waiting = await Node.Runtime.StartAsync("approval");
        var done = await Node.Runtime.StartAsync("flaky");
        Assert.That(waiting.Status, Is.EqualTo(InstanceStatus.Suspended), "it waits on its first bookmark");
        Assert.That(done.Status, Is.EqualTo(InstanceStatus.Finished), "it ran to its end in the start's own burst");
        Assert.That((await Node.InstanceAsync(done.InstanceId)).Summary.Status, Is.EqualTo(InstanceStatus.Finished));
    }

    [Test]
    public async Task The_other_decision_takes_the_other_path()
    {
        var started = await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot 2" }, new JsonObject { ["to"] = "board@example.org" });
        await Node.Runtime.ResumeAsync(started.InstanceId, "approval", "lead", new JsonObject { ["decision"] = "reject" });
        var mail = await Node.Queries.ListOutboxAsync(instanceId: started.InstanceId);
        Assert.That(mail.Select(m => (m.Subject, m.Recipient)), Is.EqualTo(new[] { ("Rejected Lot 2", "board@example.org") }));
    }

    [Test]
    public async Task The_same_idempotency_key_twice_is_applied_once()
    {
        var id = (await Node.Runtime.StartAsync("approval")).InstanceId;
        var payload = new JsonObject { ["decision"] = "approve" };
        var first = await Node.Runtime.ResumeAsync(id, "approval", "lead", payload, "double-click");
        var second = await Node.Runtime.ResumeAsync(id, "approval", "lead", payload, "double-click");
        Assert.That(first.Status, Is.EqualTo(ResumeStatus.Applied));
        Assert.That(second.Status, Is.EqualTo(ResumeStatus.Duplicate));
        Assert.That(await CountJournal(id, JournalKinds.Resumed), Is.EqualTo(1));
        Assert.That(await Node.Queries.ListOutboxAsync(instanceId: id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_retried_signal_for_a_waiting_instance_is_reported_as_duplicate()
    {
        var id = (await Node.Runtime.StartAsync("delay-then-signal", new JsonObject { ["member"] = "m7" })).InstanceId;
        var first = await Node.Runtime.ResumeAsync(id, "go", "m7", new JsonObject { ["n"] = 1 }, "retry-me");
        var second = await Node.Runtime.ResumeAsync(id, "go", "m7", new JsonObject { ["n"] = 1 }, "retry-me");
        Assert.That((first.Status, second.Status), Is.EqualTo((ResumeStatus.NotYetWaiting, ResumeStatus.Duplicate)));
    }

    [Test]
    public async Task A_signal_before_its_bookmark_is_kept_and_applied_when_the_bookmark_appears()
    {
        var id = (await Node.Runtime.StartAsync("delay-then-signal", new JsonObject { ["member"] = "m1" })).InstanceId;
        var early = await Node.Runtime.ResumeAsync(id, "go", "m1", new JsonObject { ["answer"] = "yes" }, "early");
        Assert.That(early.Status, Is.EqualTo(ResumeStatus.NotYetWaiting));
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));

        Node.Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(1));
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Variables["answer"]!["answer"]!.GetValue<string>(), Is.EqualTo("yes"));
        Assert.That(done.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(1));
    }

    [Test]
    public async Task A_payload_that_does_not_fit_is_refused_with_the_field_named()
    {
        var id = (await Node.Runtime.StartAsync("approval")).InstanceId;
        var result = await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "maybe" });
        Assert.That(result.Status, Is.EqualTo(ResumeStatus.Invalid));
        Assert.That(result.Problems, Is.EqualTo(new[] { "payload.decision: expected one of approve, reject" }));
        var missing = await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject());
        Assert.That(missing.Problems, Is.EqualTo(new[] { "payload.decision: required" }));
        Assert.That((await Node.InstanceAsync(id)).Bookmarks, Has.Count.EqualTo(1), "nothing was consumed");
    }

    [Test]
    public async Task Unknown_instances_bookmarks_and_keys_are_reported_as_unknown()
    {
        var id = (await Node.Runtime.StartAsync("approval")).InstanceId;
        Assert.Multiple(async () =>
        {
            Assert.That((await Node.Runtime.ResumeAsync(Guid.NewGuid(), "approval", "lead", null)).Status, Is.EqualTo(ResumeStatus.Unknown));
            Assert.That((await Node.Runtime.ResumeAsync(id, "nope", "lead", null)).Status, Is.EqualTo(ResumeStatus.Unknown));
            Assert.That((await Node.Runtime.ResumeAsync(id, "approval", "someone-else", new JsonObject { ["decision"] = "approve" })).Status, Is.EqualTo(ResumeStatus.Unknown));
        });
        await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "approve" });
        var afterEnd = await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "approve" });
        Assert.That(afterEnd.Status, Is.EqualTo(ResumeStatus.Unknown));
        Assert.That(afterEnd.Message, Does.Contain("finished"));
    }

    [Test]
    public void Settings_that_do_not_fit_are_refused_naming_the_setting()
    {
        var ex = Assert.ThrowsAsync<WorkflowInputException>(() => Node.Runtime.StartAsync("timer", settings: new JsonObject { ["wait"] = "ten minutes", ["colour"] = "red" }));
        Assert.That(ex!.Problems, Is.EqualTo(new[]
        {
            "settings.wait: expected an ISO 8601 duration such as \"P3D\" or \"PT2S\"",
            "settings.colour: not a setting of 'timer' (known: wait)",
        }));
    }
}
