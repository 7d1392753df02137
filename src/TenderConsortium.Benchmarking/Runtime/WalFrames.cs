using System.Buffers.Binary;
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

    /// <summary>Page numbers of the frames now in the log, in order (the page number is the first field of each frame's header).</summary>
    public static async Task<List<long>> PagesAsync(string databasePath, CancellationToken ct)
    {
        var pages = new List<long>();
        await using var wal = new FileStream(databasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[32];
        if (await wal.ReadAtLeastAsync(header, 32, throwOnEndOfStream: false, ct) < 32) return pages;
        var pageSize = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        var frame = new byte[24];
        for (long at = 32; at + 24 + pageSize <= wal.Length; at += 24 + pageSize)
        {
            wal.Position = at;
            await wal.ReadExactlyAsync(frame, ct);
            // Frames of this log carry its salts; bytes past them are leftovers of a previous log.
            if (!frame.AsSpan(8, 8).SequenceEqual(header.AsSpan(16, 8))) break;
            pages.Add(BinaryPrimitives.ReadUInt32BigEndian(frame));
        }

        return pages;
    }

    /// <summary>
    /// The table or index each page belongs to, by walking every B-tree from its root page in the database file
    /// (checkpointed first). Overflow and free pages are not walked: they are the ones left without a name.
    /// Microsoft.Data.Sqlite's SQLite has no dbstat table, which would say the same.
    /// </summary>
    public static async Task<Dictionary<long, string>> OwnersAsync(string databasePath, CancellationToken ct)
    {
        await CheckpointAsync(databasePath, "TRUNCATE", ct);
        var roots = new List<(string Name, long Root)>();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString()))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) roots.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        var file = await File.ReadAllBytesAsync(databasePath, ct);
        // The header's page size; 1 stands for 65,536.
        var size = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16));
        long pageSize = size == 1 ? 65536 : size;
        var owners = new Dictionary<long, string> { [1] = "sqlite_schema" };
        foreach (var (name, root) in roots)
        {
            var pending = new Stack<long>([root]);
            while (pending.TryPop(out var page))
            {
                if (page < 2 || (page - 1) * pageSize >= file.Length || !owners.TryAdd(page, name)) continue;
                var at = (int)((page - 1) * pageSize);
                var type = file[at];
                if (type is not (2 or 5)) continue; // a leaf
                var cells = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 3));
                pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8)));
                for (var c = 0; c < cells; c++)
                {
                    var cell = (int)((page - 1) * pageSize) + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 12 + 2 * c));
                    pending.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(cell)));
                }
            }
        }

        return owners;
    }

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
