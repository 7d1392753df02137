namespace TenderConsortium.Core.Consortium;

/// <summary>Each consortium's profile (one per consortium).</summary>
public interface ILeadProfileStore
{
    /// <summary>The consortium's profile; null until someone completes it.</summary>
    Task<LeadProfile?> FindAsync(string consortiumId, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the consortium's profile.</summary>
    Task SaveAsync(LeadProfile profile, CancellationToken cancellationToken = default);
}
