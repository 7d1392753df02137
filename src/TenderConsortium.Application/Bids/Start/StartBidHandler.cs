using System.Text.Json.Nodes;
using TenderConsortium.Application.Consortium;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Consortium;
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
/// nothing behind. A bid never starts on a notice whose tender deadline has passed, with a members' deadline that
/// leaves too little time before it, or before the consortium profile names the lead body (its facts become the
/// bid's lead contact and the bid pack's lead facts).
/// </summary>
public sealed class StartBidHandler(
    BidOpportunities opportunities,
    Persistence.Opportunities.OpportunityQueries queries,
    IBidStore bids,
    BidLocator locator,
    WorkflowRuntime runtime,
    WorkflowQueries instances,
    ILeadProfileStore profiles,
    BidStartOptions options,
    TimeProvider time)
{
    /// <summary>The path of the problem that says the consortium profile is missing: pages link it to the profile form.</summary>
    public const string ProfilePath = "consortiumProfile";

    /// <summary>The path of the problem that says the profile names no procurement adviser: pages link it to the profile form.</summary>
    public const string AdviserPath = "adviserEmail";

    public async Task<BidStarted> HandleAsync(StartBid command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var now = time.GetUtcNow();
        var workflow = command.Workflow ?? await BidWorkflows.DefaultForAsync(opportunity, runtime.Definitions, cancellationToken);
        var consortium = await queries.ConsortiumOfAsync(id, cancellationToken) ?? "default";

        var request = StartRequests.Digest(command);
        var bid = await locator.FindAsync(id, cancellationToken);
        if (bid is { InstanceId: { } replayed } && bid.StartRequest == request && await instances.GetInstanceAsync(replayed, cancellationToken) is { } same
            && same.Summary.Status != InstanceStatus.Cancelled)
            return new BidStarted(bid.Id, id, opportunity.Title, bid.Version, bid.WorkflowId, same.Summary.DefinitionVersion, replayed, same.Summary.Status, Replayed: true);
        if (bid?.InstanceId is { } live && (await instances.GetInstanceAsync(live, cancellationToken))?.Summary.Status != InstanceStatus.Cancelled)
            throw await AlreadyAsync(id, cancellationToken);

        CheckDates(opportunity.Deadline, command.DeclarationDeadline, now);
        var profile = await profiles.FindAsync(consortium, cancellationToken)
                      ?? throw new ProblemException(ProfilePath, ProblemCode.Conflict,
                          "complete the consortium profile first (the lead body's legal name, registration number, signatory, contact and address, and your procurement adviser's email): " +
                          "the bid pack, the sub-contracts and the members' emails name them, and the adviser reviews the pack");
        var (definition, _) = await runtime.Definitions.GetLatestAsync(workflow, cancellationToken);
        var settings = ProfileSettings.Apply(profile, definition, command.Settings);
        CheckPeople(definition, settings);
        var leadEmail = settings["leadEmail"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? settings["leadEmail"]!.GetValue<string>() : null;

        var reserved = false;
        if (bid is null)
        {
            bid = Bid.Start(id, consortium, workflow, leadEmail, command.DeclarationDeadline, opportunity.Deadline, now, command.Actor, request);
            if (!await bids.TryAddAsync(bid, cancellationToken)) throw await AlreadyAsync(id, cancellationToken);
            bid = (await bids.FindAsync(id, cancellationToken))!;
            reserved = true;
        }
        else if (bid.InstanceId is not null)
        {
            bid.Restart(workflow, leadEmail, command.DeclarationDeadline, opportunity.Deadline, now, command.Actor, request);
            await bids.SaveAsync(bid, cancellationToken);
            bid = (await bids.FindAsync(id, cancellationToken))!;
        }

        var variables = new JsonObject { ["opportunityId"] = id };
        if (command.DeclarationDeadline is { } d) variables["declarationDeadline"] = d.ToString("O");
        StartResult started;
        try
        {
            started = await runtime.StartAsync(workflow, variables, settings, correlationId: id, actor: command.Actor, ct: cancellationToken);
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

    /// <summary>
    /// A closed notice cannot be bid for, and members must declare early enough for the shares, the pack, the
    /// review and the submission to fit before the tender deadline.
    /// </summary>
    private void CheckDates(DateTimeOffset? tenderDeadline, DateTimeOffset? declarationDeadline, DateTimeOffset now)
    {
        if (tenderDeadline is { } closes && closes <= now)
            throw new ProblemException("tenderDeadline", ProblemCode.Conflict,
                $"the tender deadline, {JournalTime.Of(closes)}, has passed, so this notice can no longer be bid for; import a notice that is still open");
        if (declarationDeadline is not { } declare) return;
        if (declare <= now)
            throw new ProblemException("declarationDeadline", ProblemCode.Invalid, "the members' declaration deadline must be in the future");
        if (tenderDeadline is not { } tender) return;
        var latest = tender.AddDays(-options.MinimumDaysBeforeTenderDeadline);
        if (declare > tender)
            throw new ProblemException("declarationDeadline", ProblemCode.Invalid,
                $"the members' declaration deadline is after the tender deadline, {JournalTime.Of(tender)}; choose a date on or before {JournalTime.Of(latest)}");
        if (declare > latest)
            throw new ProblemException("declarationDeadline", ProblemCode.Invalid,
                $"the members' declaration deadline leaves less than {options.MinimumDaysBeforeTenderDeadline} days before the tender deadline, " +
                $"{JournalTime.Of(tender)}, for the shares, the bid pack and the review; choose a date on or before {JournalTime.Of(latest)}");
    }

    /// <summary>
    /// The people a bid's emails go to have no default: a workflow that asks for the adviser or the lead's contact
    /// does not start without a real address for each, so no review request or alert goes to an invented one.
    /// </summary>
    private static void CheckPeople(TenderConsortium.Workflows.Definitions.WorkflowDefinition definition, JsonObject settings)
    {
        static bool Missing(JsonObject s, string key) =>
            s[key] is not JsonValue v || !v.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text);
        if (definition.Settings.ContainsKey("adviserEmail") && Missing(settings, "adviserEmail"))
            throw new ProblemException(AdviserPath, ProblemCode.Conflict,
                "add your procurement adviser's email to the consortium profile first: the adviser reviews the bid pack before it is submitted");
        if (definition.Settings.ContainsKey("leadEmail") && Missing(settings, "leadEmail"))
            throw new ProblemException(ProfilePath, ProblemCode.Conflict,
                "add the lead's contact email to the consortium profile first: members' questions and the bid's alerts go there");
    }

    private async Task<ProblemException> AlreadyAsync(string opportunityId, CancellationToken cancellationToken)
    {
        var existing = await bids.FindAsync(opportunityId, cancellationToken);
        var since = existing is null ? "" : $", started {JournalTime.Of(existing.StartedAt)}{(existing.StartedBy == Bid.UnknownStarter ? "" : $" by {existing.StartedBy}")}";
        return new ProblemException("opportunity", ProblemCode.Conflict,
            $"this opportunity already has a bid{since}; carry on with that one (tender bid show {opportunityId}) instead of starting another");
    }
}
