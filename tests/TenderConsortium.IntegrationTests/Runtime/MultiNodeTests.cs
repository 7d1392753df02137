using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Mail;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Mail.Outbox;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// Three runtime nodes share one real PostgreSQL database. 100 instances wait on timers that fall due together;
/// one node is stopped mid-way. Every timer fires exactly once and every email is delivered once.
/// </summary>
[NonParallelizable]
public sealed class MultiNodeTests
{
    private const string Definition = """
    {
      "id": "reminder", "name": "Reminder",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "wait", "type": "Delay", "properties": { "duration": "P3D" } },
        { "id": "remind", "type": "SendEmail", "properties": { "to": ["{{variables.member}}"], "subject": "Declaration due", "body": "Please declare." } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "wait" }, { "from": "wait", "to": "remind" }, { "from": "remind", "to": "end" } ]
    }
    """;

    [Test]
    public async Task Timers_due_together_fire_once_across_three_nodes_even_when_one_stops()
    {
        var (server, problem) = await PostgresServer.GetAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        var connection = await server.CreateDatabaseAsync();
        await WorkflowDatabase.MigrateAsync(connection);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var outbox = Path.Combine(Path.GetTempPath(), "tender-multinode", Guid.NewGuid().ToString("N"));
        var deliveries = new ConcurrentDictionary<string, int>();

        var nodes = Enumerable.Range(1, 3).Select(n => BuildNode($"node-{n}", connection, clock, outbox, deliveries)).ToList();
        var runtime = nodes[0].GetRequiredService<WorkflowRuntime>();
        foreach (var node in nodes)
        {
            var r = node.GetRequiredService<WorkflowRuntime>();
            await r.Definitions.RegisterAsync(r.Definitions.Loader.Parse(Definition, "reminder.json"));
        }

        var ids = new List<Guid>();
        for (var i = 0; i < 100; i++)
            ids.Add((await runtime.StartAsync("reminder", new System.Text.Json.Nodes.JsonObject { ["member"] = $"member{i}@example.org" })).InstanceId);

        var workers = nodes.Select(n => n.GetRequiredService<IHostedService>()).ToList();
        foreach (var w in workers) await w.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3)); // all 100 fall due at once

        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        await WaitUntilAsync(async () => await db.Timers.CountAsync(t => t.Status == TimerStatus.Fired) >= 20, TimeSpan.FromSeconds(60));
        TestContext.Out.WriteLine("stopping node-3");
        await workers[2].StopAsync(CancellationToken.None); // one node leaves mid-way
        await WaitUntilAsync(async () =>
            await db.Instances.CountAsync(i => i.Status == InstanceStatus.Finished) == 100
            && await db.Outbox.CountAsync(o => o.Status != OutboxStatus.Sent) == 0, TimeSpan.FromSeconds(120),
            async () => $"finished={await db.Instances.CountAsync(i => i.Status == InstanceStatus.Finished)} "
                + $"timers={string.Join(",", await db.Timers.Select(t => t.Status).ToListAsync())} "
                + $"outbox={string.Join(",", await db.Outbox.Where(o => o.Status != OutboxStatus.Sent).Select(o => o.Status + "/" + o.ClaimedBy + "/" + o.Attempts + "/" + o.LastError).ToListAsync())}");
        foreach (var w in workers.Take(2)) await w.StopAsync(CancellationToken.None);

        var fired = await db.Journal.Where(j => j.Kind == JournalKinds.TimerFired).GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.That(fired, Has.Count.EqualTo(100));
        Assert.That(fired, Has.All.EqualTo(1), "each timer fired exactly once");
        Assert.That(deliveries, Has.Count.EqualTo(100));
        Assert.That(deliveries.Values, Has.All.EqualTo(1), "each email delivered once");
        Assert.That(Directory.GetFiles(outbox, "*.eml"), Has.Length.EqualTo(100));
        var byNode = await db.Timers.GroupBy(t => t.FiredBy).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        TestContext.Out.WriteLine("timers fired per node: " + string.Join(", ", byNode.Select(x => $"{x.Key}={x.Count}")));

        foreach (var node in nodes) await node.DisposeAsync();
        Directory.Delete(outbox, recursive: true);
    }

    private static ServiceProvider BuildNode(string name, string connection, TimeProvider clock, string outbox, ConcurrentDictionary<string, int> deliveries)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new TestLogProvider()));
        services.AddSingleton(clock);
        services.AddWorkflowRuntime(connection,
            o =>
            {
                o.NodeId = name;
                o.TimerPollInterval = TimeSpan.FromMilliseconds(20);
            },
            o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        // The mail port as a substitute that counts deliveries per Message-ID on the way to the real pickup transport.
        var pickup = new PickupFolderTransport(outbox, new MailOptions());
        var transport = Substitute.For<IMailTransport>();
        transport.SendAsync(Arg.Any<OutgoingMail>(), Arg.Any<CancellationToken>()).Returns(async call =>
        {
            var mail = call.Arg<OutgoingMail>();
            await pickup.SendAsync(mail, call.Arg<CancellationToken>());
            deliveries.AddOrUpdate(mail.MessageId, 1, (_, n) => n + 1);
        });
        services.AddSingleton(transport);
        services.AddEmailOutbox();
        services.AddHostedService<RuntimeWorker>();
        return services.BuildServiceProvider();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"condition not met within {timeout}: {(describe is null ? "" : await describe())}; log:\n{TestLogProvider.Text}");
            await Task.Delay(50);
        }
    }
}
