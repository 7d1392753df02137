using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// SQLite has one writer at a time and each commit waits for an fsync, so calls that commit one by one queue on the
/// disk (and on the busy-timeout backoff). Here one writer, on one long-lived connection, runs the calls waiting at
/// that moment each in its own savepoint and commits them together: one fsync for the group.
/// <list type="bullet">
/// <item>A call returns only after the commit holding its writes is durable (synchronous=FULL as everywhere).</item>
/// <item>A call that throws is rolled back to its savepoint alone; the others of its group commit.</item>
/// <item>A commit that fails fails every call of the group: none of their writes is kept.</item>
/// <item>A call that finds no one writing runs at once on its own flow, without a savepoint or a hand-over.</item>
/// </list>
/// The caller that takes the writer runs one group and lets it go: everything queued when it starts, then what arrives
/// while it runs, for about as long as a commit takes (see <see cref="Join"/>). Callers whose call was in that group
/// are answered at once, and those queued meanwhile race to run the next group. Nobody waits for a timer to fill a
/// group: it fills while the previous group's fsync runs and while its own calls run.
/// </summary>
internal sealed class SqliteGroupCommit(string connectionString) : IWritePath, IAsyncDisposable, IDisposable
{
    private const string SavepointSql = "SAVEPOINT tender_call";
    private const string RollbackSql = "ROLLBACK TO tender_call";
    private const string ReleaseSql = "RELEASE tender_call";

    /// <summary>A bound on one group, so that a writer under constant load still hands over and answers its own caller.</summary>
    private const int MaxGroup = 256;

    private readonly ConcurrentQueue<Call> _queue = new();

    /// <summary>
    /// Set on the flow running a call's work: a flag, not a transaction (nothing reads a connection from it), so
    /// that a call made from inside another is refused at once instead of waiting for itself.
    /// </summary>
    private static readonly AsyncLocal<bool> RunningCall = new();
    /// <summary>Held by the caller writing a group (and by dispose); 1 in <see cref="_writing"/> says someone holds it.</summary>
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _writing;

    /// <summary>Completed (and replaced) each time a writer finishes: callers still waiting try to write next.</summary>
    private TaskCompletionSource _released = NewSignal();
    private long _groups;
    private long _grouped;

    /// <summary>How long the last commit took (Stopwatch ticks): how long late calls may join a group.</summary>
    private long _lastCommit;

    /// <summary>Groups committed or tried so far, and the calls they held (calls per group = fsyncs saved).</summary>
    internal (long Groups, long Calls) Counts => (Interlocked.Read(ref _groups), Interlocked.Read(ref _grouped));

    /// <summary>How long the last commit took.</summary>
    internal TimeSpan LastCommit => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _lastCommit));

    /// <summary>Calls waiting for the next group.</summary>
    internal int Queued => _queue.Count;
    private SqliteConnection? _connection;
    private WorkflowDbContext? _db;
    private PreparedStatements? _statements;

    public async Task<T> RunAsync<T>(Func<WriteSession, CancellationToken, Task<WriteOutcome<T>>> work, CancellationToken ct)
    {
        // From inside a burst the writer is this very flow, already writing: waiting for it would never end.
        if (RunningCall.Value)
            throw new InvalidOperationException("A workflow call was made from inside another call's burst; make it after that call returns.");
        var call = new Call<T>(work, ct);
        _queue.Enqueue(call);
        while (!call.Done)
        {
            // Read before trying to lead, so that a writer finishing in between still wakes us.
            var released = Volatile.Read(ref _released).Task;
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                try
                {
                    await _writer.WaitAsync(CancellationToken.None);
                    try
                    {
                        // Run what is queued, ours included (usually one group; more only past MaxGroup).
                        while (!call.Done) await RunGroupAsync();
                    }
                    finally
                    {
                        _writer.Release();
                    }
                }
                finally
                {
                    Volatile.Write(ref _writing, 0);
                    Interlocked.Exchange(ref _released, NewSignal()).TrySetResult();
                }
            }
            else
            {
                // Someone is writing: our call is in its group, or in the next one, which we or another waiter run.
                await Task.WhenAny(call.Result, released);
            }
        }

        return await call.Result;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunGroupAsync()
    {
        var group = new List<Call>();
        while (group.Count < MaxGroup && _queue.TryDequeue(out var next)) group.Add(next);
        if (group.Count == 0) return;
        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _grouped, group.Count);

        SqliteTransaction transaction;
        try
        {
            await OpenAsync();
            transaction = _connection!.BeginTransaction(deferred: false);
        }
        catch (Exception ex)
        {
            await ResetAsync();
            foreach (var call in group) call.Fail(ex);
            return;
        }

        var db = _db!;
        var reset = false;
        // EF joins the transaction only if a call queries through it (a resume writes through prepared statements).
        var session = new WriteSession(db, transaction, _statements);
        try
        {
            var alone = group.Count == 1;
            Exception? aborted = null;
            long? joinUntil = null;
            for (var i = 0; i < group.Count; i++)
            {
                var call = group[i];
                if (aborted is not null)
                {
                    call.Fail(aborted);
                    continue;
                }

                aborted = await RunOneAsync(call, session, alone && i == 0);
                if (aborted is null && i == group.Count - 1) Join(group, ref joinUntil);
            }

            if (aborted is null)
            {
                // Every call of the group is written; killed here, none of them is (the crash suite stops here).
                if (group.Count > 1) CrashPoints.Hit("group-before-commit");
                var committing = Stopwatch.GetTimestamp();
                await transaction.CommitAsync();
                Volatile.Write(ref _lastCommit, Stopwatch.GetTimestamp() - committing);
            }
            else if (InTransaction())
            {
                await transaction.RollbackAsync();
            }

            foreach (var call in group) call.Finish(aborted);
        }
        catch (Exception ex)
        {
            // The commit failed: nothing of the group is durable, and every caller hears so.
            foreach (var call in group) call.Fail(ex);
            reset = true;
        }
        finally
        {
            try
            {
                if (session.Enlisted) await db.Database.UseTransactionAsync(null);
                await transaction.DisposeAsync();
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // SQLite had already ended the transaction.
                reset = true;
            }

            // After a failed commit the connection may be unusable: the next group opens a fresh one.
            if (reset) await ResetAsync();
        }
    }

    /// <summary>
    /// Calls that arrived while the group ran join it instead of waiting for its commit and then for a commit of their
    /// own: under steady load the callers answered by the last commit are back by now, and one fsync covers them too,
    /// not only the half that happened to be queued when the group began. Late calls may join until as long as the
    /// last commit took has passed since the group's first calls were written: the wait that joining saves each of
    /// them is about one commit, so the group's first callers are held back by about as much, not behind every call
    /// that queued while a long one ran.
    /// </summary>
    private void Join(List<Call> group, ref long? until)
    {
        var now = Stopwatch.GetTimestamp();
        until ??= now + Volatile.Read(ref _lastCommit);
        if (now > until) return;
        while (group.Count < MaxGroup && _queue.TryDequeue(out var late))
        {
            group.Add(late);
            Interlocked.Increment(ref _grouped);
        }
    }

    /// <summary>
    /// Runs one call in its savepoint (or, alone, directly in the transaction). Null when the group goes on; the
    /// error that ended the transaction otherwise (SQLite rolls a transaction back by itself on some errors).
    /// </summary>
    private async Task<Exception?> RunOneAsync(Call call, WriteSession session, bool alone)
    {
        // The savepoint statements are prepared once like the burst's (a new command per call was parsed each time).
        var statements = session.Statements!;
        if (!alone) statements.Execute(SavepointSql, []);
        try
        {
            RunningCall.Value = true;
            var keep = await call.RunAsync(session);
            if (!keep)
            {
                if (alone) return new DiscardedCall();
                statements.Execute(RollbackSql, []);
            }

            if (!alone) statements.Execute(ReleaseSql, []);
            return null;
        }
        catch (Exception ex)
        {
            call.Fail(ex);
            if (alone) return new DiscardedCall();
            if (!InTransaction()) return ex;
            statements.Execute(RollbackSql, []);
            statements.Execute(ReleaseSql, []);
            return null;
        }
        finally
        {
            if (session.Enlisted) session.Metadata.ChangeTracker.Clear();
        }
    }

    private bool InTransaction() => _connection?.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    private async Task OpenAsync()
    {
        if (_connection is not null) return;
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await SqlitePragmas.ApplyAsync(connection, CancellationToken.None);
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseConnection.Configure(builder, connection, WorkflowDbContext.MigrationsHistoryTable);
        _connection = connection;
        _db = new WorkflowDbContext(builder.Options);
        _statements = new PreparedStatements(connection);
    }

    /// <summary>After a failed commit or begin the connection may be unusable: the next group opens a new one.</summary>
    private async Task ResetAsync()
    {
        _statements?.Dispose();
        _statements = null;
        if (_db is not null) await _db.DisposeAsync();
        _db = null;
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync();
        try
        {
            await ResetAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose()
    {
        _writer.Wait();
        try
        {
            _statements?.Dispose();
            _db?.Dispose();
            _connection?.Dispose();
            (_statements, _db, _connection) = (null, null, null);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>A lone call that keeps nothing: its transaction is rolled back instead of committed.</summary>
    private sealed class DiscardedCall : Exception;

    private abstract class Call
    {
        public abstract bool Done { get; }

        /// <summary>Runs the caller's work; true when its writes are kept.</summary>
        public abstract Task<bool> RunAsync(WriteSession session);

        public abstract void Fail(Exception ex);

        /// <summary>After the commit (or the rollback, <paramref name="aborted"/> set): answers the caller.</summary>
        public abstract void Finish(Exception? aborted);
    }

    private sealed class Call<T>(Func<WriteSession, CancellationToken, Task<WriteOutcome<T>>> work, CancellationToken ct) : Call
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WriteOutcome<T>? _outcome;

        public Task<T> Result => _result.Task;

        public override bool Done => _result.Task.IsCompleted;

        public override async Task<bool> RunAsync(WriteSession session)
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await work(session, ct);
            _outcome = outcome;
            return outcome.Keep;
        }

        public override void Fail(Exception ex) => _result.TrySetException(ex);

        public override void Finish(Exception? aborted)
        {
            if (_outcome is { } outcome && (aborted is null || aborted is DiscardedCall)) _result.TrySetResult(outcome.Value);
            else if (aborted is not null) _result.TrySetException(aborted);
        }
    }
}
