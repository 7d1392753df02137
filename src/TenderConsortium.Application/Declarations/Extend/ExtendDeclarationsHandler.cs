using System.Globalization;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;

namespace TenderConsortium.Application.Declarations.Extend;

/// <summary>
/// The lead gives members more time to declare. The new deadline must be later than the current one, in the future,
/// and leave the same days before the tender deadline that starting a bid asks for (the shares, the pack and the
/// review must fit); a round that has closed is reopened per member instead, so it is refused as a conflict.
/// </summary>
public sealed class ExtendDeclarationsHandler(BidOpportunities opportunities, IInvitationStore invitations, DeclarationService service, BidStartOptions options,
    TimeProvider time)
{
    public async Task<DeclarationRound> HandleAsync(ExtendDeclarations command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var round = await invitations.RoundAsync(id, cancellationToken)
                    ?? throw new ProblemException("declarations", ProblemCode.Conflict, "No members have been invited to declare yet; start the bid first");
        if (round.ClosedAt is { } closed)
            throw new ProblemException("declarations", ProblemCode.Conflict,
                $"Declarations closed on {When(closed)}, so their deadline cannot move; reopen them for a member instead");
        var until = command.Until;
        if (until <= time.GetUtcNow())
            throw new ProblemException("until", ProblemCode.Invalid, "Choose a new deadline in the future");
        if (until <= round.Deadline)
            throw new ProblemException("until", ProblemCode.Invalid,
                $"Choose a new deadline after the current one, {When(round.Deadline)}; to end declarations sooner, close them now");
        if (opportunity.Deadline is { } tender && until > tender.AddDays(-options.MinimumDaysBeforeTenderDeadline))
            throw new ProblemException("until", ProblemCode.Invalid,
                $"Choose a new deadline on or before {When(tender.AddDays(-options.MinimumDaysBeforeTenderDeadline))}: the tender closes on {When(tender)}, " +
                $"and the shares, the bid pack and the review need at least {options.MinimumDaysBeforeTenderDeadline} days after members answer");
        await service.ExtendAsync(id, until, command.Actor, cancellationToken);
        return (await invitations.RoundAsync(id, cancellationToken))!;
    }

    private static string When(DateTimeOffset at) => DisplayTime.Current.DateAndTime(at);
}
