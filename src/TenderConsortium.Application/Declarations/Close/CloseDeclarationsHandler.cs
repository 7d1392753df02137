using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;

namespace TenderConsortium.Application.Declarations.Close;

/// <summary>
/// The lead closes the members' declarations before their deadline. With members still to answer, closing leaves
/// them out of the shares: refused as <see cref="ProblemCode.Unconfirmed"/> naming how many, until the lead confirms.
/// </summary>
public sealed class CloseDeclarationsHandler(BidOpportunities opportunities, IInvitationStore invitations, IDeclarationStore declarations, DeclarationService service)
{
    public async Task HandleAsync(CloseDeclarations command, CancellationToken cancellationToken = default)
    {
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        if (!command.Confirm && await ConsequenceAsync(id, cancellationToken) is { } consequence)
            throw new ProblemException("confirm", ProblemCode.Unconfirmed, consequence);
        await service.CloseAsync(id, command.Actor, cancellationToken);
    }

    /// <summary>"3 of 6 members have not answered; closing now leaves them out of the shares." or null when everyone answered.</summary>
    public async Task<string?> ConsequenceAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        var invited = (await invitations.ListAsync(opportunityId, cancellationToken)).Where(i => i.RevokedAt is null).ToList();
        var answered = (await declarations.LatestAsync(opportunityId, cancellationToken)).Select(d => d.MemberId).ToHashSet(StringComparer.Ordinal);
        var pending = invited.Count(i => !answered.Contains(i.MemberId));
        return pending == 0 ? null
            : $"{pending} of {invited.Count} {(invited.Count == 1 ? "member" : "members")} {(pending == 1 ? "has" : "have")} not answered; closing now leaves {(pending == 1 ? "it" : "them")} out of the shares.";
    }
}
