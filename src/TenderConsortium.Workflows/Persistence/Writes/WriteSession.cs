using System.Data.Common;

namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// Where one call of the runtime writes: a context on the call's connection, inside a transaction that is either the
/// call's own (PostgreSQL) or its group's (SQLite, with a savepoint for the call). <see cref="Statements"/> holds the
/// connection's prepared statements when the connection is long-lived; null means batch the burst into one command.
/// </summary>
internal sealed class WriteSession(WorkflowDbContext db, DbTransaction transaction, PreparedStatements? statements)
{
    public WorkflowDbContext Db { get; } = db;
    public DbTransaction Transaction { get; } = transaction;
    public PreparedStatements? Statements { get; } = statements;
    public bool IsSqlite => Statements is not null;
}
