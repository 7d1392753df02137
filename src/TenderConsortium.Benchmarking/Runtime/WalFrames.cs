using Microsoft.Data.Sqlite;

namespace TenderConsortium.Benchmarking.Runtime;

/// <summary>
/// Pages written per commit, read from the WAL itself: the log is emptied (TRUNCATE checkpoint), a few commits run,
/// and a PASSIVE checkpoint reports how many frames the log holds. Windows stay below the automatic checkpoint
/// (1,000 frames), which would restart the log and hide frames.
/// </summary>
internal static class WalFrames
{
    public static async Task ResetAsync(string databasePath, CancellationToken ct) => await CheckpointAsync(databasePath, "TRUNCATE", ct);

    /// <summary>Frames now in the log (the second column of wal_checkpoint).</summary>
    public static async Task<long> CountAsync(string databasePath, CancellationToken ct) => await CheckpointAsync(databasePath, "PASSIVE", ct);

    private static async Task<long> CheckpointAsync(string databasePath, string mode, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(1);
    }
}
