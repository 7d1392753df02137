namespace TenderConsortium.Workflows.Outbox;

/// <summary>
/// Delivers outbox messages of one <see cref="Type"/>. The dispatcher claims rows, paces and retries them, and marks
/// them sent; a handler only delivers one message (and says which failures are for good). Register each handler in
/// DI as <see cref="IOutboxHandler"/>; rows of a type no handler takes wait, untouched, for a node that has one.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The <see cref="Persistence.OutboxRecord.Type"/> this handler delivers, e.g. <see cref="OutboxMessageTypes.Email"/>.</summary>
    string Type { get; }

    /// <summary>Delivers the message; throws when it was not delivered (<see cref="IsPermanent"/> says whether to retry).</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="failure"/> will fail again however often it is retried (a refused address, an unreadable payload).</summary>
    bool IsPermanent(Exception failure);

    /// <summary>Why a delivery failed, as the lead's list of failed messages shows it.</summary>
    string Describe(Exception failure) => DescribeAny(failure);

    /// <summary>A failure the handler has no words for: its kind and message.</summary>
    static string DescribeAny(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";
}
