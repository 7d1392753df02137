using TenderConsortium.Persistence;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Tests.TestSupport;

/// <summary>A real SQLite file in its own temporary folder, migrated, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string folder)
    {
        Folder = folder;
        ConnectionString = DatabaseConnection.ForDataFolder(folder);
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TempDatabase(folder);
        await TenderDatabase.MigrateAsync(database.ConnectionString);
        return database;
    }

    public string File(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms; the temp folder is cleaned by the OS later.
        }

        return ValueTask.CompletedTask;
    }
}
