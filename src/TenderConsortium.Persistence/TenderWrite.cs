using Microsoft.EntityFrameworkCore.Storage;

namespace TenderConsortium.Persistence;

/// <summary>A write begun by <see cref="TenderContexts.BeginWriteAsync"/>: commits its own transaction, or leaves a unit of work's to its owner.</summary>
public sealed class TenderWrite(IDbContextTransaction? own) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken = default) => own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
