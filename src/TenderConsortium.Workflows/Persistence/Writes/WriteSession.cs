using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// Where one call of the runtime writes: a context on the call's connection, inside a transaction that is either the
/// call's own (PostgreSQL) or its group's (SQLite, with a savepoint for the call). <see cref="Statements"/> holds the
/// connection's prepared statements when the connection is long-lived; null means batch the burst into one command.
/// </summary>
internal sealed class WriteSession(WorkflowDbContext db, DbTransaction transaction, PreparedStatements? statements)
{
    /// <summary>
    /// The context, enlisted in the transaction on first use. A resume on SQLite writes through <see cref="Statements"/>
    /// alone, and enlisting EF in every group's transaction (and leaving it) was a tenth of the resume's CPU.
    /// </summary>
    public WorkflowDbContext Db
    {
        get
        {
            if (!Enlisted) db.Database.UseTransaction(Transaction);
            return db;
        }
    }

    /// <summary>The context for its model and connection only: nothing run through it, so no enlisting.</summary>
    public WorkflowDbContext Metadata => db;

    /// <summary>
    /// Whether EF is in the transaction (from the start on PostgreSQL, where EF began it; on SQLite once <see cref="Db"/>
    /// was used): the group's writer then leaves it and clears what EF tracked.
    /// </summary>
    public bool Enlisted => db.Database.CurrentTransaction is not null;

    public DbTransaction Transaction { get; } = transaction;
    public PreparedStatements? Statements { get; } = statements;
    public bool IsSqlite => Statements is not null;
}
