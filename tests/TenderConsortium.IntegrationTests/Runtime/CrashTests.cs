using Microsoft.EntityFrameworkCore;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Runtime;

/// <summary>
/// The real `tender demo` process is killed with SIGKILL at a named point, then run again on the same SQLite file:
/// the instance must complete, the accepted resume must not be lost or applied twice, and no email may be
/// written twice.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private string _data = null!;

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [TestCase("resume-committed", TestName = "Killed right after a resume was accepted")]
    [TestCase("before-activity:notify-approved", TestName = "Killed between activities, inside the timer's burst")]
    [TestCase("timer-claimed", TestName = "Killed after claiming a due timer, before committing")]
    [TestCase("outbox-delivered", TestName = "Killed during outbox delivery, after the file was written")]
    public async Task The_demo_completes_after_a_kill_with_nothing_lost_or_doubled(string point)
    {
        var args = new[] { "demo", "runtime", "--data", _data, "--workflows", TenderProcess.WorkflowsFolder };
        var environment = new Dictionary<string, string>
        {
            [CrashPoints.Variable] = point,
            // A delivery claim of a killed process expires quickly so the restart can take it over.
            ["Outbox__ClaimDuration"] = "00:00:01",
        };
        using (var first = TenderProcess.Start(args, environment))
        {
            await first.KillWhenPausedAsync(TimeSpan.FromSeconds(90));
        }

        var (exit, output) = await TenderProcess.RunAsync(args, new Dictionary<string, string> { ["Outbox__ClaimDuration"] = "00:00:01" });
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Resuming the interrupted demo"));
        Assert.That(output, Does.Contain("Demo finished"));

        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(DatabaseConnection.ForDataFolder(_data)));
        var instance = await db.Instances.SingleAsync();
        Assert.That(instance.Status, Is.EqualTo(InstanceStatus.Finished));
        Assert.That(await db.Signals.CountAsync(s => s.Status == SignalStatus.Applied), Is.EqualTo(1), "the accepted decision was applied once");
        Assert.That(await db.Journal.CountAsync(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(1));
        Assert.That(await db.Journal.CountAsync(j => j.Kind == JournalKinds.TimerFired), Is.EqualTo(1), "the timer fired once");
        var mail = await db.Outbox.ToListAsync();
        Assert.That(mail, Has.Count.EqualTo(1));
        Assert.That(mail[0].Status, Is.EqualTo(OutboxStatus.Sent));

        var files = Directory.GetFiles(Path.Combine(_data, "outbox"), "*.eml");
        Assert.That(files, Has.Length.EqualTo(1), "one email file, not two");
        var messageIds = files.Select(f => File.ReadLines(f).First(l => l.StartsWith("Message-ID:", StringComparison.Ordinal))).ToList();
        Assert.That(messageIds, Is.EqualTo(new[] { "Message-ID: " + mail[0].MessageId }));
    }
}
