using System.Text.Json.Nodes;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Application.Bids.Start;

/// <summary>
/// Starts the consortium's bid for an opportunity: the one way every door (page, API, CLI, demo) starts a bid.
/// The bid is reserved first (one per opportunity, enforced by the database), then its workflow starts; a second
/// start is refused as a conflict before anything is sent. A start refused by the workflow (a bad setting) leaves
/// nothing behind.
/// </summary>
public sealed class StartBidHandler(
    BidOpportunities opportunities,
    Persistence.Opportunities.OpportunityQueries queries,
    IBidStore bids,
    BidLocator locator,
    WorkflowRuntime runtime,
    WorkflowQueries instances,
    TimeProvider time)
{
    public async Task<BidStarted> HandleAsync(StartBid command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var now = time.GetUtcNow();
        if (command.DeclarationDeadline is { } deadline && deadline <= now)
            throw new ProblemException("declarationDeadline", ProblemCode.Invalid, "the members' declaration deadline must be in the future");

        var workflow = command.Workflow ?? await BidWorkflows.DefaultForAsync(opportunity, runtime.Definitions, cancellationToken);
        var leadEmail = command.Settings?["leadEmail"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? command.Settings["leadEmail"]!.GetValue<string>() : null;
        var consortium = await queries.ConsortiumOfAsync(id, cancellationToken) ?? "default";

        var request = StartRequests.Digest(command);
        var bid = await locator.FindAsync(id, cancellationToken);
        if (bid is { InstanceId: { } replayed } && bid.StartRequest == request && await instances.GetInstanceAsync(replayed, cancellationToken) is { } same
            && same.Summary.Status != InstanceStatus.Cancelled)
            return new BidStarted(bid.Id, id, opportunity.Title, bid.Version, bid.WorkflowId, same.Summary.DefinitionVersion, replayed, same.Summary.Status, Replayed: true);
        var reserved = false;
        if (bid is null)
        {
            bid = Bid.Start(id, consortium, workflow, leadEmail, command.DeclarationDeadline, opportunity.Deadline, now, command.Actor, request);
            if (!await bids.TryAddAsync(bid, cancellationToken)) throw await AlreadyAsync(id, cancellationToken);
            bid = (await bids.FindAsync(id, cancellationToken))!;
            reserved = true;
        }
        else if (bid.InstanceId is { } running)
        {
            var instance = await instances.GetInstanceAsync(running, cancellationToken);
            if (instance?.Summary.Status != InstanceStatus.Cancelled) throw await AlreadyAsync(id, cancellationToken);
            bid.Restart(workflow, leadEmail, command.DeclarationDeadline, opportunity.Deadline, now, command.Actor, request);
            await bids.SaveAsync(bid, cancellationToken);
            bid = (await bids.FindAsync(id, cancellationToken))!;
        }

        var variables = new JsonObject { ["opportunityId"] = id };
        if (command.DeclarationDeadline is { } d) variables["declarationDeadline"] = d.ToString("O");
        StartResult started;
        try
        {
            started = await runtime.StartAsync(workflow, variables, command.Settings?.DeepClone().AsObject(), correlationId: id, actor: command.Actor, ct: cancellationToken);
        }
        catch (Exception ex) when (reserved && ex is WorkflowInputException or WorkflowNotFoundException or BadInputException)
        {
            await bids.RemoveUnstartedAsync(bid.Id, CancellationToken.None);
            throw;
        }

        bid.AttachInstance(started.InstanceId);
        await bids.SaveAsync(bid, cancellationToken);
        return new BidStarted(bid.Id, id, opportunity.Title, bid.Version, workflow, started.DefinitionVersion, started.InstanceId, started.Status);
    }

    private async Task<ProblemException> AlreadyAsync(string opportunityId, CancellationToken cancellationToken)
    {
        var existing = await bids.FindAsync(opportunityId, cancellationToken);
        var since = existing is null ? "" : $" (started {JournalTime.Of(existing.StartedAt)}{(existing.StartedBy == Bid.UnknownStarter ? "" : $" by {existing.StartedBy}")})";
        return new ProblemException("opportunity", ProblemCode.Conflict,
            $"this opportunity already has a bid{since}; carry on with that one (tender bid show {opportunityId}) instead of starting another");
    }
}
