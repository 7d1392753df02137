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

    /// <summary>A context on the database, on its own connection.</summary>
    public static TenderDbContext Open(string connectionString) => new(Options(connectionString));

    /// <summary>
    /// A context on the database; given a unit of work (a workflow call's, handed to the activity), on its connection
    /// and in its transaction, so that what is written commits with the unit of work (see <see cref="IUnitOfWork"/>).
    /// </summary>
    public static TenderDbContext Open(string connectionString, IUnitOfWork? unitOfWork)
    {
        if (unitOfWork is null) return Open(connectionString);
        var builder = new DbContextOptionsBuilder<TenderDbContext>();
        DatabaseConnection.Configure(builder, unitOfWork.Connection, TenderDbContext.MigrationsHistoryTable);
        var db = new TenderDbContext(builder.Options);
        db.Database.UseTransaction(unitOfWork.Transaction);
        return db;
    }

    /// <summary>Starts a write in its own transaction.</summary>
    public static Task<TenderWrite> BeginWriteAsync(TenderDbContext db, CancellationToken cancellationToken = default) =>
        BeginWriteAsync(db, null, cancellationToken);

    /// <summary>
    /// Starts a write: its own transaction, or, in a unit of work, a savepoint in its transaction (committed by whoever
    /// owns the unit of work, the runtime for a workflow call).
    /// </summary>
    public static async Task<TenderWrite> BeginWriteAsync(TenderDbContext db, IUnitOfWork? unitOfWork, CancellationToken cancellationToken = default)
    {
        if (unitOfWork is not null)
        {
            await unitOfWork.BeforeWriteAsync(cancellationToken);
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
