namespace TenderConsortium.Workflows.Persistence.Writes;

/// <summary>
/// Runs one call of the runtime in a transaction and returns once its writes are durable (or known lost): per call on
/// PostgreSQL (<see cref="PerCallTransactions"/>), grouped with concurrent calls on SQLite (<see cref="SqliteGroupCommit"/>).
/// </summary>
internal interface IWritePath
{
    Task<T> RunAsync<T>(Func<WriteSession, CancellationToken, Task<WriteOutcome<T>>> work, CancellationToken ct);
}
