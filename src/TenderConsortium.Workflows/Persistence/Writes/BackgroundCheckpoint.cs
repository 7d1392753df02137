using Microsoft.Data.Sqlite;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, so that no caller waits for it.
/// </summary>
/// <remarks>
/// SQLite checkpoints by itself inside the commit that takes the log past 1,000 pages: that caller (and, with group
/// commit, its whole group) then waits while hundreds of pages are written to the database file and it is fsynced.
/// The group writer raises that mark on its connection (to <see cref="WriterPages"/>) and asks for a passive checkpoint
/// here about as often as SQLite would have. A passive checkpoint never blocks a writer or a reader, and SQLite keeps it
/// crash-safe: a checkpoint cut short is finished from the log on the next open.
/// </remarks>
internal sealed class BackgroundCheckpoint(string connectionString) : IAsyncDisposable
{
    /// <summary>
    /// The writer's own checkpoint mark. The log starts over only after a checkpoint that reached its end; under
    /// constant writing, the background one never does, so the writer's checkpoint finishes the few pages left.
    /// </summary>
    public const int WriterPages = 4000;

    /// <summary>About SQLite's own 1,000-page threshold: one call writes 5 to 10 pages.</summary>
    private const int CallsBetweenCheckpoints = 128;

    private int _calls;
    private int _running;
    private Task _last = Task.CompletedTask;

    /// <summary>After a commit of <paramref name="calls"/> calls: starts a checkpoint when enough were written since the last.</summary>
    public void Committed(int calls)
    {
        if (Interlocked.Add(ref _calls, calls) < CallsBetweenCheckpoints) return;
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        Interlocked.Exchange(ref _calls, 0);
        _last = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync();
        }
        catch (SqliteException)
        {
            // Nothing is lost: the log keeps the pages, and the next checkpoint (ours or SQLite's) copies them.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public async ValueTask DisposeAsync() => await _last;
}
