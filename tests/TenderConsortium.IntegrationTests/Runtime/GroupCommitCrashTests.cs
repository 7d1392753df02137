using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// The real `tender bench runtime` process is killed with SIGKILL after a group of concurrent resumes has been written
/// in its savepoints and before the group's commit. On the same SQLite file afterwards, every caller of that group is
/// either durable (its retry is a duplicate) or lost whole and retried; no resume is half applied.
/// </summary>
[NonParallelizable]
public sealed class GroupCommitCrashTests
{
    /// <summary>
    /// The bench's warm-up, in rounds: one resume of the first instance alone, then one resume of each of the first 16
    /// instances at once. Keys are "bench-N", N counting calls, so round R holds N = 17R+1 … 17R+17.
    /// </summary>
    private const int Round = 17;

    private const int Concurrent = 16;

    private string _data = null!;

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-group-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task Killed_between_a_groups_savepoints_and_its_commit_every_caller_is_durable_or_retried_none_half_applied()
    {
        using (var bench = TenderProcess.Start(["bench", "runtime", "--data", _data, "--resumes", "200"],
                   new Dictionary<string, string> { [CrashPoints.Variable] = "group-before-commit" }))
        {
            await bench.KillWhenPausedAsync(TimeSpan.FromSeconds(120));
        }

        var connection = DatabaseConnection.ForDataFolder(_data).Replace("tender.db", "runtime.db");
        var concurrent = await ConcurrentInstancesAsync(connection);
        var signals = await SignalsAsync(connection);
        var numbers = signals.Select(s => s.N).ToHashSet();
        var firstLost = Enumerable.Range(1, int.MaxValue - 1).First(n => !numbers.Contains(n));
        var round = (firstLost - 1) / Round;
        var roundNumbers = Enumerable.Range(round * Round + 1, Round).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(firstLost, Is.Not.EqualTo(round * Round + 1), "a resume alone is never held for a group");
            Assert.That(numbers.Where(n => n > round * Round + Round), Is.Empty, "nothing was committed after the paused group");
            Assert.That(roundNumbers.Count(n => !numbers.Contains(n)), Is.GreaterThanOrEqualTo(2), "the paused group (two calls or more) was lost whole");
        });
        await AssertNoneHalfAppliedAsync(connection);

        // A second node on the file: callers retry. Those whose resume was durable are told it was a duplicate; those
        // whose resume was lost with the group are applied now.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddWorkflowRuntime(connection);
        await using (var provider = services.BuildServiceProvider())
        {
            var runtime = provider.GetRequiredService<WorkflowRuntime>();
            var retried = 0;
            foreach (var instance in concurrent)
            {
                var durable = signals.SingleOrDefault(s => s.Instance == instance && roundNumbers.Contains(s.N) && s.N != round * Round + 1);
                if (durable.Key is not null)
                {
                    var again = await runtime.ResumeAsync(instance, "step", "k", new JsonObject { ["n"] = durable.N }, durable.Key);
                    Assert.That(again.Status, Is.EqualTo(ResumeStatus.Duplicate), durable.Key);
                }
                else
                {
                    var retry = await runtime.ResumeAsync(instance, "step", "k", new JsonObject { ["n"] = -1 }, $"retry-{instance:N}");
                    Assert.That(retry.Status, Is.EqualTo(ResumeStatus.Applied), retry.Message);
                    retried++;
                }
            }

            Assert.That(retried, Is.GreaterThanOrEqualTo(2));
        }

        await AssertNoneHalfAppliedAsync(connection);
    }

    /// <summary>Per instance: as many applied signals as Resumed journal entries and as queued emails, and the state holds the last one.</summary>
    private static async Task AssertNoneHalfAppliedAsync(string connection)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        var signals = await db.Signals.AsNoTracking().GroupBy(s => s.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var resumed = await db.Journal.AsNoTracking().Where(j => j.Kind == JournalKinds.Resumed).GroupBy(j => j.InstanceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var mail = await db.Outbox.AsNoTracking().GroupBy(o => o.InstanceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var bookmarks = await db.Bookmarks.AsNoTracking().CountAsync(b => b.Name == "step");
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(resumed, Is.EquivalentTo(signals), "each applied signal has its journal entry, and no entry lacks its signal");
            Assert.That(mail, Is.EquivalentTo(signals), "each applied signal sent its email once");
            Assert.That(bookmarks, Is.EqualTo(instances.Count), "every instance waits on its next step");
            Assert.That(instances.Select(i => i.Status).Distinct(), Is.EqualTo(new[] { InstanceStatus.Suspended }));
        });
    }

    private static async Task<List<(Guid Instance, string Key, int N)>> SignalsAsync(string connection)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        var rows = await db.Signals.AsNoTracking().Select(s => new { s.InstanceId, s.IdempotencyKey }).ToListAsync();
        return rows.Select(r => (r.InstanceId, r.IdempotencyKey, int.Parse(r.IdempotencyKey["bench-".Length..], CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The instances the bench resumes at once: the first it started.</summary>
    private static async Task<List<Guid>> ConcurrentInstancesAsync(string connection)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(connection));
        return await db.Instances.AsNoTracking().OrderBy(i => i.CreatedAt).Take(Concurrent).Select(i => i.Id).ToListAsync();
    }
}
