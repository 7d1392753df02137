using TenderConsortium.Core.Common;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>Where a command keeps its state: the data folder and the database connection string.</summary>
public sealed record DataLocation(string DataFolder, string ConnectionString)
{
    public static DataLocation From(string dataFolder, string? db)
    {
        if (string.IsNullOrWhiteSpace(dataFolder)) throw new BadInputException("--data: expected a folder path");
        var folder = Path.GetFullPath(dataFolder);
        if (File.Exists(folder)) throw new BadInputException($"--data: '{folder}' is a file; expected a folder");
        try
        {
            // Owner-only (0700, files 0600) on Unix: it holds the database, live links in the outbox and the keys.
            Web.Security.DataFolderAccess.Restrict(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--data: cannot use '{folder}' as the data folder: {ex.Message}");
        }

        return new DataLocation(folder, string.IsNullOrWhiteSpace(db) ? DatabaseConnection.ForDataFolder(folder) : db);
    }

    public string OutboxFolder => Path.Combine(DataFolder, "outbox");
    public string DocumentsFolder => Path.Combine(DataFolder, "documents");
}
