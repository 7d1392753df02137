namespace TenderConsortium.Core.Members;

/// <summary>Addresses the relay refused permanently (<see cref="ContactRefusal"/>); addresses compare case-insensitively.</summary>
public interface IContactRefusals
{
    /// <summary>Records the refusal; true only the first time for this address (so the lead is told once).</summary>
    Task<bool> RecordAsync(string address, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<ContactRefusal?> FindAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The refusals among <paramref name="addresses"/>, keyed by the lower-case address.</summary>
    Task<IReadOnlyDictionary<string, ContactRefusal>> FindAsync(IEnumerable<string> addresses, CancellationToken cancellationToken = default);

    Task MarkLeadToldAsync(string address, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The lead says the address works again (the mailbox was set up): mail to it is sent again. False when none was recorded.</summary>
    Task<bool> ClearAsync(string address, CancellationToken cancellationToken = default);
}
