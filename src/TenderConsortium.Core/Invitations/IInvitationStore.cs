namespace TenderConsortium.Core.Invitations;

/// <summary>Invitations (by token hash) and the declaration round of each opportunity.</summary>
public interface IInvitationStore
{
    /// <summary>Opens (or re-opens after a crash, replacing) the round and the invitations with their token hashes, in one transaction.</summary>
    Task OpenRoundAsync(DeclarationRound round, IReadOnlyList<(Invitation Invitation, string TokenHash)> invitations, CancellationToken cancellationToken = default);

    Task<DeclarationRound?> RoundAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>Moves the round's closing time; invitations that expired with it are extended too (not revoked ones).</summary>
    Task ExtendRoundAsync(string opportunityId, DateTimeOffset closesAt, CancellationToken cancellationToken = default);

    Task CloseRoundAsync(string opportunityId, DateTimeOffset closedAt, CancellationToken cancellationToken = default);

    Task<Invitation?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default);

    Task<Invitation?> FindAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Invitation>> ListAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>False when there is no such invitation.</summary>
    Task<bool> RevokeAsync(string opportunityId, string memberId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The lead reopens one member's link until a new time (after the deadline, or after revoking it).</summary>
    Task<bool> ReopenAsync(string opportunityId, string memberId, DateTimeOffset until, CancellationToken cancellationToken = default);
}
