using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>Where a command keeps its state: the data folder and the database connection string.</summary>
public sealed record DataLocation(string DataFolder, string ConnectionString)
{
    public static DataLocation From(string dataFolder, string? db)
    {
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        return new DataLocation(folder, string.IsNullOrWhiteSpace(db) ? DatabaseConnection.ForDataFolder(folder) : db);
    }

    public string OutboxFolder => Path.Combine(DataFolder, "outbox");
    public string DocumentsFolder => Path.Combine(DataFolder, "documents");
}
