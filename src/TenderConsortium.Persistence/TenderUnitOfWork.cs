using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence;

/// <summary>
/// A unit of work a handler owns: one connection and one transaction on the node's database that several stores
/// write through (<see cref="TenderContexts.Join"/>, or an <see cref="IStoreFactory{T}"/>), committed together by
/// <see cref="CommitAsync"/> and rolled back when disposed without it. Outside a workflow call; inside one the
/// runtime's unit of work is the one to use.
/// </summary>
public sealed class TenderUnitOfWork : IUnitOfWork, IAsyncDisposable
{
    private readonly TenderDbContext _db;
    private readonly IDbContextTransaction _transaction;

    private TenderUnitOfWork(TenderDbContext db, IDbContextTransaction transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    public DbConnection Connection => _db.Database.GetDbConnection();

    public DbTransaction Transaction => _transaction.GetDbTransaction();

    /// <summary>Opens the connection and begins the transaction the stores joined to it will share.</summary>
    public static async Task<TenderUnitOfWork> BeginAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var db = TenderDatabase.Open(connectionString);
        try
        {
            return new TenderUnitOfWork(db, await db.Database.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Nothing to mark: a handler's unit of work commits or rolls back as a whole.</summary>
    public Task BeforeWriteAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _db.DisposeAsync();
    }
}
