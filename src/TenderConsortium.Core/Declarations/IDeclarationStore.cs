namespace TenderConsortium.Core.Declarations;

/// <summary>Where declarations are kept: every revision stays; the latest per member counts.</summary>
public interface IDeclarationStore
{
    /// <summary>Stores the declaration as the member's next revision and returns it with revision and time set.</summary>
    Task<CapacityDeclaration> SaveAsync(CapacityDeclaration declaration, CancellationToken cancellationToken = default);

    /// <summary>The latest declaration of each member that answered, in member id order.</summary>
    Task<IReadOnlyList<CapacityDeclaration>> LatestAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>Every revision of one member's declaration, oldest first.</summary>
    Task<IReadOnlyList<CapacityDeclaration>> HistoryAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default);
}
