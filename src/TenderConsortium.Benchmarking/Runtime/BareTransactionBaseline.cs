using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>
/// The disk's limit for one writer: single-row SQLite transactions per second with the runtime's durability settings
/// (WAL, synchronous=FULL), on the same file system. Measured in slices interleaved with each runtime figure because
/// the machine is shared and its load drifts within a run.
/// </summary>
internal sealed class BareTransactionBaseline : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _payload;
    private int _row;

    private BareTransactionBaseline(SqliteConnection connection)
    {
        _connection = connection;
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO t (payload) VALUES ($p)";
        _payload = _insert.Parameters.Add("$p", SqliteType.Text);
    }

    public static async Task<BareTransactionBaseline> OpenAsync(string path, CancellationToken ct)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync(ct);
        }

        var baseline = new BareTransactionBaseline(connection);
        await baseline.RunAsync(50, ct); // warm-up: JIT and the file's first pages
        return baseline;
    }

    /// <summary>How long <paramref name="count"/> single-row commits take.</summary>
    public async Task<TimeSpan> TimeAsync(int count, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync(count, ct);
        return watch.Elapsed;
    }

    private async Task RunAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            _insert.Transaction = tx;
            _payload.Value = $"row {_row++}";
            await _insert.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
