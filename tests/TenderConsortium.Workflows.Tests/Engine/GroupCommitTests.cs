using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>
/// SQLite's group commit on a real database file: calls that wait while a group commits go together in the next
/// group, each in its savepoint; a failing call loses only its own writes; a failing commit fails every call of its
/// group and keeps none of their writes; a call alone runs on its caller's flow.
/// </summary>
public sealed class GroupCommitTests
{
    private string _folder = null!;
    private string _connection = null!;
    private SqliteGroupCommit _writes = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tender-group-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _connection = DatabaseConnection.ForDataFolder(_folder);
        await WorkflowDatabase.MigrateAsync(_connection);
        await using var raw = new SqliteConnection(_connection);
        await raw.OpenAsync();
        await using var command = raw.CreateCommand();
        // A deferred foreign key is checked only at COMMIT: the way to make a commit fail on purpose.
        command.CommandText = """
            CREATE TABLE note (id TEXT PRIMARY KEY);
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """;
        await command.ExecuteNonQueryAsync();
        _writes = new SqliteGroupCommit(_connection);
    }

    [TearDown]
    public async Task DeleteDatabase()
    {
        await _writes.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task Calls_that_arrive_while_a_group_runs_join_it_and_a_failing_call_rolls_back_alone()
    {
        var gate = new TaskCompletionSource();
        var first = _writes.RunAsync(async (s, _) => { await gate.Task; await ExecAsync(s, "INSERT INTO note VALUES ('a')"); return WriteOutcome<int>.Kept(1); }, default);
        await WaitUntilAsync(() => _writes.Counts.Groups == 1);

        var b = Insert("b");
        var failing = _writes.RunAsync<int>(async (s, _) =>
        {
            await ExecAsync(s, "INSERT INTO note VALUES ('c')");
            throw new InvalidOperationException("activity failed");
        }, default);
        var d = Insert("d");
        await WaitUntilAsync(() => _writes.Queued == 3);
        gate.SetResult();

        Assert.That(await first, Is.EqualTo(1));
        Assert.That(await b, Is.EqualTo(1));
        Assert.That(await d, Is.EqualTo(1));
        Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.That(await NotesAsync(), Is.EqualTo(new[] { "a", "b", "d" }));
        Assert.That(_writes.Counts, Is.EqualTo((1L, 4L)), "the three queued while the first call ran joined its group: one commit for four");
    }

    [Test]
    public async Task A_call_arriving_after_the_group_has_run_for_longer_than_a_commit_waits_for_the_next_group()
    {
        Assert.That(await Insert("warm"), Is.EqualTo(1), "a commit, so that the writer knows how long one takes");
        var lateness = TimeSpan.FromMilliseconds(300);
        Assert.That(_writes.LastCommit, Is.LessThan(lateness), "this test needs a commit quicker than its wait");

        var gate = new TaskCompletionSource();
        var first = _writes.RunAsync(async (s, _) => { await gate.Task; await ExecAsync(s, "INSERT INTO note VALUES ('a')"); return WriteOutcome<int>.Kept(1); }, default);
        await WaitUntilAsync(() => _writes.Counts.Groups == 2);
        var slow = new TaskCompletionSource();
        var b = _writes.RunAsync(async (s, _) => { await slow.Task; await ExecAsync(s, "INSERT INTO note VALUES ('b')"); return WriteOutcome<int>.Kept(1); }, default);
        await WaitUntilAsync(() => _writes.Queued == 1);
        gate.SetResult();
        await WaitUntilAsync(() => _writes.Queued == 0);

        // b joined the group as soon as the first call was written; c comes while b is still running, long after.
        var c = Insert("c");
        await WaitUntilAsync(() => _writes.Queued == 1);
        await Task.Delay(lateness);
        slow.SetResult();

        Assert.That(await first, Is.EqualTo(1));
        Assert.That(await b, Is.EqualTo(1));
        Assert.That(await c, Is.EqualTo(1));
        Assert.That(await NotesAsync(), Is.EqualTo(new[] { "a", "b", "c", "warm" }));
        Assert.That(_writes.Counts, Is.EqualTo((3L, 4L)), "a and b committed together; c, too late to join, in a group of its own");
    }

    [Test]
    public async Task A_failing_commit_fails_every_call_of_its_group_and_keeps_none_of_their_writes()
    {
        Assert.That(await Insert("before"), Is.EqualTo(1), "a group of its own, committed");
        var gate = new TaskCompletionSource();
        var first = _writes.RunAsync(async (s, _) => { await gate.Task; await ExecAsync(s, "INSERT INTO note VALUES ('a')"); return WriteOutcome<int>.Kept(1); }, default);
        await WaitUntilAsync(() => _writes.Counts.Groups == 2);
        var b = Insert("b");
        var orphan = _writes.RunAsync(async (s, _) => { await ExecAsync(s, "INSERT INTO child VALUES (1, 42)"); return WriteOutcome<int>.Kept(1); }, default);
        await WaitUntilAsync(() => _writes.Queued == 2);
        gate.SetResult();

        Assert.ThrowsAsync<SqliteException>(() => first, "the first call's work was done, but the commit it shared failed");
        Assert.ThrowsAsync<SqliteException>(() => b, "b's savepoint was fine, but its commit failed");
        Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.That(await NotesAsync(), Is.EqualTo(new[] { "before" }));
        Assert.That(_writes.Counts, Is.EqualTo((2L, 4L)), "the failed group held all three");

        Assert.That(await Insert("after"), Is.EqualTo(1), "the writer recovers for the next group");
        Assert.That(await NotesAsync(), Is.EqualTo(new[] { "after", "before" }));
    }

    [Test]
    public async Task A_call_alone_runs_on_its_callers_flow_and_a_discarded_call_keeps_nothing()
    {
        var flow = new AsyncLocal<string?> { Value = "caller" };
        var seen = await _writes.RunAsync(async (s, _) =>
        {
            await ExecAsync(s, "INSERT INTO note VALUES ('kept')");
            return WriteOutcome<string?>.Kept(flow.Value);
        }, default);
        var discarded = await _writes.RunAsync(async (s, _) =>
        {
            await ExecAsync(s, "INSERT INTO note VALUES ('discarded')");
            return WriteOutcome<int>.Discarded(7);
        }, default);

        Assert.That(seen, Is.EqualTo("caller"));
        Assert.That(discarded, Is.EqualTo(7));
        Assert.That(await NotesAsync(), Is.EqualTo(new[] { "kept" }));
        Assert.That(_writes.Counts, Is.EqualTo((2L, 2L)));
    }

    private Task<int> Insert(string id) =>
        _writes.RunAsync(async (s, _) => { await ExecAsync(s, $"INSERT INTO note VALUES ('{id}')"); return WriteOutcome<int>.Kept(1); }, default);

    private static async Task ExecAsync(WriteSession session, string sql)
    {
        await using DbCommand command = session.Db.Database.GetDbConnection().CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> NotesAsync()
    {
        await using var raw = new SqliteConnection(_connection);
        await raw.OpenAsync();
        await using var command = raw.CreateCommand();
        command.CommandText = "SELECT id FROM note ORDER BY id";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the writer");
            await Task.Delay(5);
        }
    }
}
