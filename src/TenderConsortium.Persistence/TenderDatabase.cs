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

    /// <summary>
    /// A context on the database. Inside a workflow burst it joins the burst's connection and transaction, so that
    /// what an activity writes commits with the instance (see <see cref="WorkflowTransaction"/>).
    /// </summary>
    public static TenderDbContext Open(string connectionString)
    {
        if (WorkflowTransaction.Current is not { } burst) return new(Options(connectionString));
        var builder = new DbContextOptionsBuilder<TenderDbContext>();
        DatabaseConnection.Configure(builder, burst.Connection, TenderDbContext.MigrationsHistoryTable);
        var db = new TenderDbContext(builder.Options);
        db.Database.UseTransaction(burst.Transaction);
        return db;
    }

    /// <summary>
    /// Starts a write: its own transaction, or, inside a burst, a savepoint in the burst's transaction (committed by
    /// the runtime with the instance).
    /// </summary>
    public static async Task<TenderWrite> BeginWriteAsync(TenderDbContext db, CancellationToken cancellationToken = default)
    {
        if (WorkflowTransaction.Current is { } burst && db.Database.CurrentTransaction is not null)
        {
            await burst.BeforeWriteAsync(cancellationToken);
            return new TenderWrite(null);
        }

        return new TenderWrite(await db.Database.BeginTransactionAsync(cancellationToken));
    }

    /// <summary>Applies the hand-written migrations; safe to call at every start.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var db = Open(connectionString);
        await DatabaseConnection.PrepareAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
