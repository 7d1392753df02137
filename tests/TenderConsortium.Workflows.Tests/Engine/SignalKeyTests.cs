using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>
/// Idempotency keys carried in the instance row and written to their own table in batches (issue 17): a retry is
/// recognised wherever its key is at the time, before a batch, after it, and across a restart.
/// </summary>
public sealed class SignalKeyTests : RuntimeTestBase
{
    private const string Loop = """
    {
      "id": "steps", "name": "Steps",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k" } }
      ],
      "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "to": "wait" } ]
    }
    """;

    [Test]
    public async Task A_retry_is_recognised_before_and_after_its_key_is_written_out_with_a_batch()
    {
        await Node.RegisterAsync(Loop);
        var id = (await Node.Runtime.StartAsync("steps")).InstanceId;
        var count = SignalKeyBuffer.BatchSize + 3;
        var keys = Enumerable.Range(0, count).Select(n => $"request-{n}").ToList();
        foreach (var key in keys)
            Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), key)).Status, Is.EqualTo(ResumeStatus.Applied), key);

        await using (var db = await Factory.CreateDbContextAsync())
        {
            var written = await db.SignalKeys.AsNoTracking().Where(k => k.InstanceId == id).Select(k => k.IdempotencyKey).ToListAsync();
            var carried = await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.RecentSignalKeys).SingleAsync();
            Assert.That(written, Is.EquivalentTo(keys.Take(SignalKeyBuffer.BatchSize)), "the first batch went to the keys' table");
            Assert.That(keys.Skip(SignalKeyBuffer.BatchSize).All(k => SignalKeyBuffer.Contains(carried, k)), "the rest ride in the row");
            Assert.That(await db.Signals.CountAsync(s => s.InstanceId == id && s.Status == SignalStatus.Applied), Is.EqualTo(count));
        }

        Node = await Node.RestartAsync();
        foreach (var key in keys)
            Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), key)).Status, Is.EqualTo(ResumeStatus.Duplicate), key);
        Assert.That(await CountJournal(id, JournalKinds.Resumed), Is.EqualTo(count), "no retry ran the step again");
        Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), "request-new")).Status, Is.EqualTo(ResumeStatus.Applied));
    }

    [Test]
    public async Task Keys_are_per_instance()
    {
        await Node.RegisterAsync(Loop);
        var first = (await Node.Runtime.StartAsync("steps")).InstanceId;
        var second = (await Node.Runtime.StartAsync("steps")).InstanceId;
        for (var n = 0; n < SignalKeyBuffer.BatchSize; n++)
            await Node.Runtime.ResumeAsync(first, "step", "k", new JsonObject(), $"same-{n}");
        Assert.That((await Node.Runtime.ResumeAsync(second, "step", "k", new JsonObject(), "same-0")).Status, Is.EqualTo(ResumeStatus.Applied),
            "another instance's key, written out, is not this one's");
        Assert.That((await Node.Runtime.ResumeAsync(second, "step", "k", new JsonObject(), "same-0")).Status, Is.EqualTo(ResumeStatus.Duplicate));
    }

    private IDbContextFactory<WorkflowDbContext> Factory => Node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
}
