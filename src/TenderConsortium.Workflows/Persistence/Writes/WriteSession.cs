using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// Where one call of the runtime writes: a context on the call's connection, inside a transaction that is either the
/// call's own (PostgreSQL) or its group's (SQLite, with a savepoint for the call). <see cref="Statements"/> holds the
/// connection's prepared statements when the connection is long-lived; null means batch the burst into one command.
/// </summary>
internal sealed class WriteSession(WorkflowDbContext db, DbTransaction transaction, PreparedStatements? statements, bool enlisted)
{
    /// <summary>
    /// The context, enlisted in the transaction on first use. A resume on SQLite writes through <see cref="Statements"/>
    /// alone, and enlisting EF in every group's transaction (and leaving it) was a tenth of the resume's CPU.
    /// </summary>
    public WorkflowDbContext Db
    {
        get
        {
            if (!Enlisted)
            {
                db.Database.UseTransaction(Transaction);
                Enlisted = true;
            }

            return db;
        }
    }

    /// <summary>The context for its model and connection only: nothing run through it, so no enlisting.</summary>
    public WorkflowDbContext Metadata => db;

    /// <summary>Whether <see cref="Db"/> was used: the writer then leaves the transaction and clears what EF tracked.</summary>
    public bool Enlisted { get; private set; } = enlisted;

    public DbTransaction Transaction { get; } = transaction;
    public PreparedStatements? Statements { get; } = statements;
    public bool IsSqlite => Statements is not null;
}
