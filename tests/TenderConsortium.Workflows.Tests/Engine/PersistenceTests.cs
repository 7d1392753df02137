using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>How a burst reaches the database: one command per burst, the lease taken with the row read.</summary>
public sealed class PersistenceTests : RuntimeTestBase
{
    private const string ThousandBookmarks = """
    {
      "id": "thousand", "name": "More bookmarks than one command binds",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "answers", "type": "AwaitAll", "properties": { "count": 1000 } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "answers" }, { "from": "answers", "to": "end" } ]
    }
    """;

    [Test]
    public async Task A_burst_larger_than_one_command_is_written_whole_and_resumed_once()
    {
        await Node.RegisterAsync(ThousandBookmarks);
        var id = (await Node.Runtime.StartAsync("thousand")).InstanceId;
        Assert.That(await BookmarkCount(id), Is.EqualTo(1000));

        Assert.That((await Node.Runtime.ResumeAsync(id, "item", "999", new JsonObject(), "last")).Status, Is.EqualTo(ResumeStatus.Applied));
        Assert.That((await Node.Runtime.ResumeAsync(id, "item", "999", new JsonObject(), "last")).Status, Is.EqualTo(ResumeStatus.Duplicate));
        Assert.That(await BookmarkCount(id), Is.EqualTo(999));
        var instance = await Node.InstanceAsync(id);
        Assert.That(instance.Summary.Status, Is.EqualTo(InstanceStatus.Suspended));
        Assert.That(instance.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(1));
    }

    [Test]
    public async Task A_retry_of_an_applied_signal_is_a_duplicate_even_after_the_instance_finished()
    {
        var id = (await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot 1" })).InstanceId;
        var payload = new JsonObject { ["decision"] = "approve" };
        Assert.That((await Node.Runtime.ResumeAsync(id, "approval", "lead", payload, "once")).Status, Is.EqualTo(ResumeStatus.Applied));
        Assert.That((await Node.InstanceAsync(id)).Summary.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That((await Node.Runtime.ResumeAsync(id, "approval", "lead", payload, "once")).Status, Is.EqualTo(ResumeStatus.Duplicate));
        Assert.That((await Node.Runtime.ResumeAsync(id, "approval", "lead", payload, "another")).Status, Is.EqualTo(ResumeStatus.Unknown));
    }

    [Test]
    public async Task The_lease_is_free_again_after_each_call_and_the_row_reads_back_as_written()
    {
        var id = (await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot 2" }, correlationId: "bid-2")).InstanceId;
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(Node.ConnectionString));
        var row = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.That((row.LeaseOwner, row.LeaseExpiresAt), Is.EqualTo(((string?)null, (DateTimeOffset?)null)));
        Assert.That((row.CorrelationId, row.Status, row.CreatedAt), Is.EqualTo(("bid-2", InstanceStatus.Suspended, RuntimeHarness.Epoch)));
    }

    [Test]
    public async Task Every_connection_the_runtime_opens_is_synchronous_full_also_when_reused_from_the_pool()
    {
        var factory = Node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                await using var db = await factory.CreateDbContextAsync();
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA synchronous";
                Assert.That(Convert.ToInt64(await command.ExecuteScalarAsync()), Is.EqualTo(2), "2 is FULL");
                command.CommandText = "PRAGMA foreign_keys";
                Assert.That(Convert.ToInt64(await command.ExecuteScalarAsync()), Is.EqualTo(1));
            }

            // Fresh native connections next round.
            SqliteConnection.ClearAllPools();
        }
    }

    private async Task<int> BookmarkCount(Guid id)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(Node.ConnectionString));
        return await db.Bookmarks.CountAsync(b => b.InstanceId == id);
    }
}
