using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TenderConsortium.Core.Common;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Cli.Backup;

/// <summary>
/// A node's state in one zip file: the SQLite database copied with SQLite's online backup (a consistent snapshot
/// while the node keeps serving), the documents, the keys (members' links, cookie keys) and the folder's own settings.
/// The outbox's pickup folder is left out: what was sent is recorded in the database, and a restored node sends
/// only what was still queued. Archive paths are checked on the way back in, and a restore lands in a new folder
/// whole or not at all.
/// </summary>
public static class BackupArchive
{
    public const string Format = "tender-backup/1";
    private const string Manifest = "backup.json";
    private const string Database = "tender.db";
    private static readonly string[] Folders = ["documents", "keys"];
    private static readonly string[] Files = ["appsettings.json"];

    public sealed record Summary(int Documents, int Keys, long Bytes);

    public static async Task<Summary> CreateAsync(string dataFolder, string connectionString, string target, TimeProvider time, CancellationToken ct)
    {
        if (DatabaseConnection.IsPostgres(connectionString))
            throw new BadInputException("--db: a PostgreSQL database is backed up with pg_dump (see docs/deployment.md, 'Backups'); tender backup copies the embedded SQLite database");
        if (!File.Exists(new SqliteConnectionStringBuilder(connectionString).DataSource))
            throw new BadInputException($"--data: no database in '{dataFolder}' (expected tender.db); nothing to back up");
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full)) throw new BadInputException($"--to: '{full}' is a folder; expected a file name such as tender-backup.zip");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new BadInputException($"--to: the folder '{folder}' does not exist");
        var snapshot = Path.Combine(Path.GetTempPath(), $"tender-backup-{Guid.NewGuid():N}.db");
        var partial = full + $".{Guid.NewGuid():N}.partial";
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await copy.OpenAsync(ct);
                source.BackupDatabase(copy); // SQLite's online backup: one consistent state of the database, writers carry on
            }

            var documents = 0;
            var keys = 0;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                var manifest = zip.CreateEntry(Manifest);
                await using (var stream = manifest.Open())
                    await JsonSerializer.SerializeAsync(stream, new { format = Format, createdAt = time.GetUtcNow() }, cancellationToken: ct);
                zip.CreateEntryFromFile(snapshot, Database, CompressionLevel.Optimal);
                foreach (var name in Files.Where(f => File.Exists(Path.Combine(dataFolder, f))))
                    zip.CreateEntryFromFile(Path.Combine(dataFolder, name), name);
                foreach (var top in Folders)
                {
                    var root = Path.Combine(dataFolder, top);
                    if (!Directory.Exists(root)) continue;
                    foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                    {
                        // A document being written is a temporary file renamed into place when whole: leave those out.
                        if (path.EndsWith(".tmp", StringComparison.Ordinal) || new FileInfo(path).LinkTarget is not null) continue;
                        zip.CreateEntryFromFile(path, Path.GetRelativePath(dataFolder, path).Replace('\\', '/'));
                        if (top == "documents") documents++;
                        else keys++;
                    }
                }
            }

            File.Move(partial, full, overwrite: true);
            return new Summary(documents, keys, new FileInfo(full).Length);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(snapshot);
            File.Delete(partial);
        }
    }

    /// <summary>Unpacks a backup into <paramref name="dataFolder"/>, which must not exist or be empty.</summary>
    public static async Task<Summary> RestoreAsync(string archive, string dataFolder, CancellationToken ct)
    {
        var full = Path.GetFullPath(dataFolder);
        if (!File.Exists(archive)) throw new BadInputException($"FILE: no file '{archive}'");
        if (File.Exists(full)) throw new BadInputException($"--data: '{full}' is a file; expected a new folder");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new BadInputException($"--data: '{full}' is not empty; restore into a new folder (a restore never mixes with other data)");
        var staging = full.TrimEnd(Path.DirectorySeparatorChar) + $".restoring-{Guid.NewGuid():N}";
        try
        {
            // Owner-only from the first byte (0700, umask 077): the backup holds personal data and keys.
            Web.Security.DataFolderAccess.Restrict(staging);
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(File.OpenRead(archive), ZipArchiveMode.Read);
            }
            catch (InvalidDataException)
            {
                throw new BadInputException($"FILE: '{archive}' is not a backup made by tender backup (not a zip file)");
            }

            var documents = 0;
            var keys = 0;
            using (zip)
            {
                var manifest = zip.GetEntry(Manifest);
                if (manifest is null || zip.GetEntry(Database) is null || !await IsOurFormatAsync(manifest, ct))
                    throw new BadInputException($"FILE: '{archive}' is not a backup made by tender backup (no {Manifest} of format {Format}, or no database)");
                foreach (var entry in zip.Entries.Where(e => e.FullName != Manifest))
                {
                    if (string.IsNullOrEmpty(entry.Name)) continue; // a folder entry
                    var relative = Allowed(entry.FullName) ? entry.FullName : throw new BadInputException($"FILE: the backup holds '{entry.FullName}', which is not part of a data folder");
                    var path = Path.GetFullPath(Path.Combine(staging, relative));
                    if (!path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new BadInputException($"FILE: the backup's entry '{entry.FullName}' points outside the data folder");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    entry.ExtractToFile(path);
                    if (relative.StartsWith("documents/", StringComparison.Ordinal)) documents++;
                    else if (relative.StartsWith("keys/", StringComparison.Ordinal)) keys++;
                }
            }

            if (Directory.Exists(full)) Directory.Delete(full);
            Directory.Move(staging, full);
            return new Summary(documents, keys, new FileInfo(archive).Length);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static bool Allowed(string name) =>
        !name.Contains('\\') && !name.Split('/').Any(s => s is ".." or ".") && !Path.IsPathRooted(name) &&
        (name == Database || Files.Contains(name) || Folders.Any(f => name.StartsWith(f + "/", StringComparison.Ordinal)));

    private static async Task<bool> IsOurFormatAsync(ZipArchiveEntry manifest, CancellationToken ct)
    {
        try
        {
            await using var stream = manifest.Open();
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("format", out var f) && f.ValueEquals(Format);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
