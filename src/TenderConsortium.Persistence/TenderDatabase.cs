using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence;

public static class TenderDatabase
{
    public static DbContextOptions<TenderDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<TenderDbContext>();
        DatabaseConnection.Configure(builder, connectionString, TenderDbContext.MigrationsHistoryTable);
        return builder.Options;
    }

    public static TenderDbContext Open(string connectionString) => new(Options(connectionString));

    /// <summary>Applies the hand-written migrations; safe to call at every start.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var db = Open(connectionString);
        await DatabaseConnection.PrepareAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
