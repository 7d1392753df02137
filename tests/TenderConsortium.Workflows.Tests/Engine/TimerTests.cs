using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class TimerTests : RuntimeTestBase
{
    [Test]
    public async Task A_timer_fires_at_exactly_its_due_time_and_not_a_tick_before()
    {
        var id = (await Node.Runtime.StartAsync("timer")).InstanceId;
        var due = (await Node.InstanceAsync(id)).Summary.NextDueAt;
        Assert.That(due, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromMinutes(10)));

        Node.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(0));
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));

        Node.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(1));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(0), "fires once");
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Journal.Single(j => j.Kind == JournalKinds.TimerFired).At, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task The_journal_shows_a_timers_due_time_as_a_date_not_a_round_trip_timestamp()
    {
        var id = (await Node.Runtime.StartAsync("timer")).InstanceId;
        Node.Clock.Advance(TimeSpan.FromMinutes(10));
        await Node.Runtime.FireDueTimersAsync();

        var journal = (await Node.InstanceAsync(id)).Journal;
        Assert.That(journal.Single(j => j.Kind == JournalKinds.ActivitySuspended).Detail, Does.Contain("timer until 2 Nov 2026 09:10 UTC"));
        Assert.That(journal.Single(j => j.Kind == JournalKinds.TimerFired).Detail, Does.EndWith("due 2 Nov 2026 09:10 UTC"));
    }

    [Test]
    public async Task A_timer_due_while_the_node_was_down_fires_once_after_restart()
    {
        var id = (await Node.Runtime.StartAsync("timer")).InstanceId;
        await Node.DisposeAsync();
        Node.Clock.Advance(TimeSpan.FromDays(2)); // the machine was off over a weekend
        Node = await Node.RestartAsync();

        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(1));
        Node = await Node.RestartAsync();
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(0));
        Assert.That(await CountJournal(id, JournalKinds.TimerFired), Is.EqualTo(1));
        Assert.That(await Node.Queries.ListOutboxAsync(instanceId: id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_signal_before_the_timeout_cancels_the_timeout_timer()
    {
        var id = (await Node.Runtime.StartAsync("timeout")).InstanceId;
        await Node.Runtime.ResumeAsync(id, "answer", "m1", null);
        Node.Clock.Advance(TimeSpan.FromDays(4));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(0));
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Variables["result"]!.GetValue<string>(), Is.EqualTo("answered"));
        Assert.That(done.Timers.Single().Status, Is.EqualTo(TimerStatus.Cancelled));
    }

    [Test]
    public async Task Without_a_signal_the_timeout_leaves_by_timedOut_and_removes_the_bookmark()
    {
        var id = (await Node.Runtime.StartAsync("timeout")).InstanceId;
        Node.Clock.Advance(TimeSpan.FromDays(3));
        Assert.That(await Node.Runtime.FireDueTimersAsync(), Is.EqualTo(1));
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Variables["result"]!.GetValue<string>(), Is.EqualTo("timed out"));
        Assert.That(done.Bookmarks, Is.Empty);
        Assert.That((await Node.Runtime.ResumeAsync(id, "answer", "m1", null)).Status, Is.EqualTo(ResumeStatus.Unknown));
    }

    [Test]
    public async Task Settings_override_the_default_duration()
    {
        var id = (await Node.Runtime.StartAsync("timer", settings: new JsonObject { ["wait"] = "P3D" })).InstanceId;
        Assert.That((await Node.InstanceAsync(id)).Summary.NextDueAt, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromDays(3)));
    }
}
