using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// PostgreSQL: every call its own pooled connection and transaction. Nodes share the database, and the instance's row
/// lock (taken with its lease) orders them; grouping calls of one node would hold those locks longer for nothing.
/// </summary>
internal sealed class PerCallTransactions(IDbContextFactory<WorkflowDbContext> dbFactory) : IWritePath
{
    public async Task<T> RunAsync<T>(Func<WriteSession, CancellationToken, Task<WriteOutcome<T>>> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await work(new WriteSession(db, tx.GetDbTransaction(), null), ct);
        if (outcome.Keep) await tx.CommitAsync(ct);
        return outcome.Value;
    }
}
