using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Demo;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Flow;

/// <summary>
/// The whole bid (the demo's) on a node configured like production, with a fault injected: the SMTP relay down for
/// the whole bid, the documents folder unwritable, the database locked by another process. Each gives a clear
/// incident or a wait, loses nothing, and recovers when the fault clears.
/// </summary>
[NonParallelizable]
public sealed class FaultTests
{
    private string _data = null!;

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-faults", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task With_the_SMTP_relay_down_for_the_whole_bid_every_email_waits_and_arrives_once_when_it_is_back()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await smtp.StopAsync();
        await WriteSettingsAsync(new Dictionary<string, object>
        {
            ["Mail"] = new Dictionary<string, object> { ["Transport"] = "smtp", ["From"] = "bids@grampian-consortium.example", ["Smtp"] = new Dictionary<string, object> { ["Host"] = "127.0.0.1", ["Port"] = smtp.Port, ["TimeoutSeconds"] = 5 } },
            ["Outbox"] = new Dictionary<string, object> { ["RetryBaseDelay"] = "00:00:00.200", ["RetryMaxDelay"] = "00:00:01", ["QuickRetries"] = 0 },
        });
        var location = DataLocation.From(_data, null);
        await using var services = await NodeFactory.StartAsync(location, TenderProcess.WorkflowsFolder);

        var (instance, _, finished) = await new BidDemo(services, TextWriter.Null).RunAsync(stopAtReview: false, CancellationToken.None);
        var queries = services.GetRequiredService<WorkflowQueries>();
        var waiting = await queries.ListOutboxAsync(instanceId: instance, take: 1000);
        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True, "the bid does not wait for its email");
            Assert.That(waiting, Is.Not.Empty);
            Assert.That(waiting.Select(m => m.Status), Has.None.EqualTo(OutboxStatus.Sent).And.None.EqualTo(OutboxStatus.Failed), "kept for later, not given up");
            Assert.That(waiting.Where(m => m.Attempts > 0).Select(m => m.LastError), Has.All.Not.Empty, "each failed attempt says why");
        });

        await smtp.StartAgainAsync();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while ((await queries.ListOutboxAsync(instanceId: instance, take: 1000)).Any(m => m.Status != OutboxStatus.Sent))
        {
            if (DateTime.UtcNow > until) Assert.Fail("the outbox did not drain after the relay came back");
            if (await dispatcher.DispatchOnceAsync() == 0) await Task.Delay(100);
        }

        var received = await smtp.WaitForAsync(waiting.Count);
        var ids = received.Select(r => r.Message.Headers[MimeKit.HeaderId.MessageId]).ToList();
        Assert.That(ids, Is.Unique, "none twice");
        Assert.That(ids, Is.EquivalentTo(waiting.Select(m => m.MessageId)), "every one arrived");
    }

    [Test]
    public async Task An_unwritable_documents_folder_faults_the_assembly_with_a_clear_incident_and_the_bid_resumes_once_fixed()
    {
        await WriteSettingsAsync(new Dictionary<string, object>
        {
            ["Runtime"] = new Dictionary<string, object> { ["RetryBaseDelay"] = "00:00:00.050" },
        });
        // A file where the folder should be: writing fails for every user, root included (permissions would not stop root).
        await File.WriteAllTextAsync(Path.Combine(_data, "documents"), "not a folder");
        var location = DataLocation.From(_data, null);
        await using var services = await NodeFactory.StartAsync(location, TenderProcess.WorkflowsFolder);

        var fault = Assert.ThrowsAsync<InvalidOperationException>(() => new BidDemo(services, TextWriter.Null).RunAsync(false, CancellationToken.None));
        var instance = (await services.GetRequiredService<WorkflowQueries>().ListInstancesAsync(definitionId: BidDemo.DefinitionId)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(fault!.Message, Does.Contain("stopped with an incident"));
            Assert.That(instance.Status, Is.EqualTo(InstanceStatus.Faulted));
            Assert.That(instance.Incident, Does.StartWith("assemble:").And.Contain("documents"), "the incident names the step and the folder");
        });
        var told = (await services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: instance.Id, take: 1000))
            .Where(m => m.Event.StartsWith("fault.lead:", StringComparison.Ordinal)).ToList();
        Assert.That(told.Select(m => m.Recipient), Is.EqualTo(new[] { BidDemo.LeadEmail }), "the lead is told, once");
        Assert.That(JsonSerializer.Deserialize<Workflows.Mail.OutgoingMail>(told[0].Payload)!.TextBody,
            Does.Contain("stopped at the Assembly stage").And.Contain($"tender instances retry {instance.Id}"));

        File.Delete(Path.Combine(_data, "documents"));
        Assert.That(await services.GetRequiredService<WorkflowRuntime>().RetryAsync(instance.Id, "operator"), Is.True);
        var (_, opportunity, finished) = await new BidDemo(services, TextWriter.Null).RunAsync(false, CancellationToken.None);
        Assert.That(finished, Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(_data, "documents", opportunity, "subcontracts"), "*.docx"), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task A_database_locked_by_another_process_for_a_while_only_delays_the_bid()
    {
        var location = DataLocation.From(_data, null);
        await using var services = await NodeFactory.StartAsync(location, TenderProcess.WorkflowsFolder);
        var demo = new BidDemo(services, TextWriter.Null);
        var (seeded, _, _) = await demo.RunAsync(stopAtReview: true, CancellationToken.None);

        await using (var locker = new SqliteConnection(location.ConnectionString))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            var run = Task.Run(() => new BidDemo(services, TextWriter.Null).RunAsync(false, CancellationToken.None));
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.That(run.IsCompleted, Is.False, "the bid waits while the database is locked");
            await using (var commit = locker.CreateCommand())
            {
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync();
            }

            var (instance, _, finished) = await run;
            Assert.That(instance, Is.EqualTo(seeded));
            Assert.That(finished, Is.True);
        }

        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(location.ConnectionString));
        Assert.That(await db.Instances.CountAsync(i => i.Status == InstanceStatus.Faulted), Is.Zero);
        Assert.That(await db.Outbox.Select(o => new { o.InstanceId, o.Event, o.Recipient }).Distinct().CountAsync(), Is.EqualTo(await db.Outbox.CountAsync()));
    }

    [Test]
    public async Task A_PostgreSQL_server_that_goes_away_for_a_while_is_reported_and_the_bid_carries_on_when_it_is_back()
    {
        var (server, problem) = await PostgresServer.StartPrivateAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        await using (server)
        {
            var location = DataLocation.From(_data, await server.CreateDatabaseAsync());
            await using var services = await NodeFactory.StartAsync(location, TenderProcess.WorkflowsFolder);
            var (instance, _, _) = await new BidDemo(services, TextWriter.Null).RunAsync(stopAtReview: true, CancellationToken.None);
            var queries = services.GetRequiredService<WorkflowQueries>();

            await server.StopServerAsync();
            var health = await queries.HealthAsync();
            var step = Assert.CatchAsync(() => new BidDemo(services, TextWriter.Null).RunAsync(false, CancellationToken.None));
            Assert.Multiple(() =>
            {
                Assert.That(health.DatabaseReachable, Is.False, "/health says the database is unreachable");
                Assert.That(health.DatabaseError, Is.Not.Empty);
                Assert.That(step, Is.Not.Null, "a step needing the database fails rather than pretending");
            });

            await server.StartServerAsync();
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!(await queries.HealthAsync()).DatabaseReachable)
            {
                if (DateTime.UtcNow > until) Assert.Fail("the node did not reconnect");
                await Task.Delay(200);
            }

            var (again, _, finished) = await new BidDemo(services, TextWriter.Null).RunAsync(false, CancellationToken.None);
            Assert.That(again, Is.EqualTo(instance), "the same bid carried on");
            Assert.That(finished, Is.True);
            await using var db = new WorkflowDbContext(WorkflowDatabase.Options(location.ConnectionString));
            Assert.That(await db.Instances.Where(i => i.Id == instance).Select(i => i.Status).SingleAsync(), Is.EqualTo(InstanceStatus.Finished));
            Assert.That(await db.Outbox.Select(o => new { o.InstanceId, o.Event, o.Recipient }).Distinct().CountAsync(), Is.EqualTo(await db.Outbox.CountAsync()));
        }
    }

    private async Task WriteSettingsAsync(Dictionary<string, object> settings) =>
        await File.WriteAllTextAsync(Path.Combine(_data, "appsettings.json"), JsonSerializer.Serialize(settings));
}
