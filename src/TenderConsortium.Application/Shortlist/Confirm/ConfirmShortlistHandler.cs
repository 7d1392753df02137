using System.Text.Json.Nodes;
using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Shortlist.Confirm;

/// <summary>
/// The lead confirms the matched members so invitations go out, in a bid whose workflow asks for that check. Refused
/// as a conflict when the bid does not wait for it (not started, confirmed already, or a workflow that invites at once).
/// </summary>
public sealed class ConfirmShortlistHandler(BidOpportunities opportunities, BidSignals signals)
{
    /// <summary>The workflow's bookmark the lead answers (a WaitForSignal keyed by the opportunity).</summary>
    public const string Bookmark = "shortlist";

    public async Task HandleAsync(ConfirmShortlist command, CancellationToken cancellationToken = default)
    {
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        if (await signals.InstanceAsync(id, cancellationToken) is null)
            throw new ProblemException("opportunity", ProblemCode.Conflict, "No bid has been started for this opportunity; start the bid first");
        if (!await signals.IsWaitingAsync(id, Bookmark, id, cancellationToken))
            throw new ProblemException("shortlist", ProblemCode.Conflict,
                "The shortlist is not waiting to be confirmed: it was confirmed already, or this bid invites members without asking");
        await signals.SendAsync(id, Bookmark, id, new JsonObject { ["decision"] = "confirm" }, null, command.Actor, "waiting for the shortlist to be confirmed", cancellationToken);
    }
}
