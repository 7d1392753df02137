using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class FlowTests : RuntimeTestBase
{
    [Test]
    public async Task Join_all_waits_for_every_branch()
    {
        var id = (await Node.Runtime.StartAsync("fork-join-all")).InstanceId;
        Assert.That((await Node.InstanceAsync(id)).Bookmarks.Select(b => b.Name), Is.EquivalentTo(new[] { "a", "b", "c" }));
        await Node.Runtime.ResumeAsync(id, "a", "", null);
        await Node.Runtime.ResumeAsync(id, "c", "", null);
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
        await Node.Runtime.ResumeAsync(id, "b", "", null);
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Variables["joined"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Join_any_proceeds_on_the_first_branch_and_end_cancels_the_rest()
    {
        var id = (await Node.Runtime.StartAsync("fork-join-any")).InstanceId;
        await Node.Runtime.ResumeAsync(id, "b", "", null);
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Bookmarks, Is.Empty);
    }

    [Test]
    public async Task Join_count_proceeds_after_that_many_branches()
    {
        var id = (await Node.Runtime.StartAsync("fork-join-count")).InstanceId;
        await Node.Runtime.ResumeAsync(id, "a", "", null);
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
        await Node.Runtime.ResumeAsync(id, "c", "", null);
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Finished));
    }

    [Test]
    public async Task A_failing_activity_is_retried_with_backoff_then_faulted_with_an_incident_and_retried_by_hand()
    {
        FlakyActivity.FailuresLeft = 3; // default: 3 attempts
        var id = (await Node.Runtime.StartAsync("flaky")).InstanceId;
        var first = await Node.InstanceAsync(id);
        Assert.That(first.Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
        Assert.That(first.Summary.NextDueAt, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromMinutes(1)));

        Node.Clock.Advance(TimeSpan.FromMinutes(1));
        await Node.Runtime.FireDueTimersAsync();
        Assert.That((await Node.InstanceAsync(id)).Summary.NextDueAt, Is.EqualTo(RuntimeHarness.Epoch + TimeSpan.FromMinutes(3)), "backoff doubles");
        Node.Clock.Advance(TimeSpan.FromMinutes(2));
        await Node.Runtime.FireDueTimersAsync();

        var faulted = await Node.InstanceAsync(id);
        Assert.That(faulted.Summary.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(faulted.Summary.Incident, Is.EqualTo("call: remote service unavailable"));
        Assert.That(faulted.Journal.Count(j => j.Kind == JournalKinds.ActivityFaulted), Is.EqualTo(2));
        Assert.That(await Node.Queries.ListOutboxAsync(instanceId: id), Is.Empty, "a failed attempt leaves no email behind");

        Assert.That(await Node.Runtime.RetryAsync(id, "lead"), Is.True);
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Summary.Incident, Is.Null);
        Assert.That(await Node.Queries.ListOutboxAsync(instanceId: id), Has.Count.EqualTo(1));
        Assert.That(await Node.Runtime.RetryAsync(id), Is.False, "nothing left to retry");
    }

    [Test]
    public async Task Two_hundred_bookmarks_resumed_from_four_workers_are_each_consumed_once_and_the_join_proceeds()
    {
        var id = (await Node.Runtime.StartAsync("many")).InstanceId;
        Assert.That((await Node.InstanceAsync(id)).Bookmarks, Has.Count.EqualTo(201));
        var keys = new System.Collections.Concurrent.ConcurrentQueue<int>(Enumerable.Range(0, 200));
        var results = new System.Collections.Concurrent.ConcurrentBag<ResumeStatus>();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (keys.TryDequeue(out var k))
            {
                results.Add((await Node.Runtime.ResumeAsync(id, "item", k.ToString(), null, $"item-{k}", $"worker-{w}")).Status);
                // A retry of the same request from another worker must be recognised.
                if (k % 20 == 0) results.Add((await Node.Runtime.ResumeAsync(id, "item", k.ToString(), null, $"item-{k}")).Status);
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.That(results.Count(r => r == ResumeStatus.Applied), Is.EqualTo(200));
        Assert.That(results.Count(r => r == ResumeStatus.Duplicate), Is.EqualTo(10));
        var midway = await Node.InstanceAsync(id);
        Assert.That(midway.Bookmarks.Select(b => b.Name), Is.EqualTo(new[] { "lead" }), "no item bookmark is stuck");
        Assert.That(midway.Summary.Status, Is.EqualTo(InstanceStatus.Suspended));

        await Node.Runtime.ResumeAsync(id, "lead", "", null);
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(201));
        Assert.That(await Node.Queries.ListOutboxAsync(instanceId: id), Has.Count.EqualTo(1));
    }
}
