using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class LeaseTests : RuntimeTestBase
{
    [Test]
    public async Task A_signal_for_an_instance_leased_by_a_dead_node_is_kept_and_applied_by_the_sweeper_after_expiry()
    {
        var id = (await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot 9" })).InstanceId;
        await using (var db = new WorkflowDbContext(WorkflowDatabase.Options(Node.ConnectionString)))
        {
            // Another node took the lease and then vanished.
            var until = Node.Clock.GetUtcNow() + TimeSpan.FromSeconds(30);
            await db.Instances.Where(i => i.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, "dead-node").SetProperty(i => i.LeaseExpiresAt, until));
        }

        var result = await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "approve" }, "while-leased");
        Assert.That(result.Status, Is.EqualTo(ResumeStatus.NotYetWaiting));
        Assert.That(await Node.Runtime.SweepAsync(), Is.EqualTo(0), "the lease has not expired yet");
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Suspended));

        Node.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await Node.Runtime.SweepAsync(), Is.EqualTo(1));
        var done = await Node.InstanceAsync(id);
        Assert.That(done.Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(done.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(1));
        Assert.That((await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "approve" }, "while-leased")).Status,
            Is.EqualTo(ResumeStatus.Duplicate));
    }

    [Test]
    public async Task List_queries_do_not_read_the_state_column()
    {
        var id = (await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "x" })).InstanceId;
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(Node.ConnectionString));
        var sql = WorkflowQueries.Summaries(db.Instances.AsNoTracking()).ToQueryString();
        Assert.That(sql, Does.Contain("\"status\""));
        Assert.That(sql, Does.Not.Contain("\"state\""));
        Assert.That((await Node.Queries.ListInstancesAsync()).Single().Id, Is.EqualTo(id));
    }
}
