using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Hosting;

public static class WorkflowDatabase
{
    public static DbContextOptions<WorkflowDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseConnection.Configure(builder, connectionString, WorkflowDbContext.MigrationsHistoryTable);
        return builder.Options;
    }

    /// <summary>Applies the runtime's hand-written migrations (idempotent; safe at every start and from several nodes).</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var db = new WorkflowDbContext(Options(connectionString));
        await DatabaseConnection.PrepareAsync(db, ct);
        await db.Database.MigrateAsync(ct);
    }
}
