using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence.Writes;

internal static class WritePaths
{
    /// <summary>Group commit on SQLite (one process writes the file); per-call transactions on PostgreSQL (nodes share it).</summary>
    public static IWritePath For(string connectionString, IDbContextFactory<WorkflowDbContext> dbFactory) =>
        DatabaseConnection.IsPostgres(connectionString)
            ? new PerCallTransactions(dbFactory)
            : new SqliteGroupCommit(connectionString);
}
