using System.Globalization;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Submission;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Application.Bids.Show;

/// <summary>
/// Reads one opportunity's bid as a <see cref="BidView"/>. Each step's status comes from the domain's facts (the bid,
/// the invitations, declarations, allocation, review and documents) and from what the workflow waits for now, so the
/// page, the API and the CLI show the same stage whichever door moved the bid.
/// </summary>
public sealed class ShowBidHandler(
    BidOpportunities opportunities,
    BidLocator locator,
    WorkflowQueries instances,
    WorkflowRuntime runtime,
    IInvitationStore invitations,
    IDeclarationStore declarations,
    IAllocationStore allocations,
    IReviewStore reviews,
    BidDocuments documents)
{
    private const string Lead = "the lead", Members = "members", Adviser = "the adviser", Buyer = "the buyer";

    public async Task<BidView> HandleAsync(ShowBid query, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(query.Opportunity, query.ConsortiumId, cancellationToken);
        var bid = await locator.FindAsync(id, cancellationToken);
        var instance = bid?.InstanceId is { } instanceId ? await instances.GetInstanceAsync(instanceId, cancellationToken) : null;
        var types = instance is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await runtime.Definitions.GetAsync(instance.Summary.DefinitionId, instance.Summary.DefinitionVersion, cancellationToken)).Activities.Select(a => a.Type).ToHashSet(StringComparer.Ordinal);
        var waiting = instance?.Bookmarks.Select(b => b.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var round = await invitations.RoundAsync(id, cancellationToken);
        var invited = await invitations.ListAsync(id, cancellationToken);
        var answers = (await declarations.LatestAsync(id, cancellationToken)).GroupBy(d => d.MemberId).ToDictionary(g => g.Key, g => g.Last());
        var allocation = await allocations.CurrentAsync(id, cancellationToken);
        var review = await reviews.CurrentAsync(id, cancellationToken);
        var files = documents.List(id);
        var pack = documents.LatestPackVersion(id);
        var failed = documents.ChecksOf(id, pack)?.Checks.Where(c => c.Status == CheckStatus.Fail).ToList() ?? [];

        var allocated = allocation?.Result.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId).Distinct().Count() ?? 0;
        var counts = new BidCounts(
            invited.Count,
            invited.Count(i => answers.ContainsKey(i.MemberId)),
            invited.Count(i => answers.TryGetValue(i.MemberId, out var d) && d.Declined),
            allocated,
            allocation?.Consents.Count(c => c.Status == ConsentStatus.Accepted) ?? 0);

        var facts = new Facts(bid, instance, types, waiting, round, counts, allocation, review, pack, failed.Count);
        var steps = Steps(facts);
        var status = instance?.Summary.Status;
        var current = steps.FirstOrDefault(s => s.Status is not (BidStepStatus.Done or BidStepStatus.Skipped));
        var stage = bid is null ? "Not started"
            : status == InstanceStatus.Faulted ? "Needs attention"
            : status == InstanceStatus.Cancelled ? "Cancelled"
            : current?.Title ?? "Finished";
        return new BidView(
            id, opportunity.Title, opportunity.Buyer.Name, bid is not null, bid?.Id, bid?.Version, bid?.WorkflowId, bid?.InstanceId, bid?.Status, stage,
            NextAction(facts, current, status, instance?.Summary.Incident, id),
            status == InstanceStatus.Faulted ? instance?.Summary.Incident ?? "a step failed" : null,
            opportunity.Deadline, round?.Deadline ?? bid?.DeclarationDeadline, bid?.StartedAt, bid?.StartedBy, counts, steps, files,
            bid?.Submission, bid?.Outcomes ?? [], bid?.Subcontracts ?? [],
            failed,
            review is { Decision: ReviewDecision.Approved } ? review.AcceptedChecks ?? [] : []);
    }

    private sealed record Facts(
        Bid? Bid,
        InstanceDetails? Instance,
        IReadOnlySet<string> Types,
        IReadOnlySet<string> Waiting,
        DeclarationRound? Round,
        BidCounts Counts,
        StoredAllocation? Allocation,
        Review? Review,
        int PackVersion,
        int FailedChecks)
    {
        public bool Has(string activityType) => Types.Contains(activityType);

        public bool WaitsFor(string bookmark) => Waiting.Contains(bookmark);
    }

    private static List<BidStepView> Steps(Facts f)
    {
        var started = f.Bid is not null;
        var c = f.Counts;
        var steps = new List<BidStepView>
        {
            started
                ? Step("notice", "Check the notice", BidStepStatus.Done, detail: $"Bid started {When(f.Bid!.StartedAt)}" + (f.Bid.StartedBy == Bid.UnknownStarter ? "." : $" by {Person(f.Bid.StartedBy)}."))
                : Step("notice", "Check the notice", BidStepStatus.Waiting, Lead, detail: "Check the notice, then start the bid."),
            f.Round is not null ? Step("partners", "Confirm partners", BidStepStatus.Done, detail: $"{c.Invited} {(c.Invited == 1 ? "member" : "members")} invited.")
            : f.WaitsFor(Signals.Shortlist) ? Step("partners", "Confirm partners", BidStepStatus.Waiting, Lead, detail: "Check the matches and confirm the shortlist.")
            : started ? Step("partners", "Confirm partners", BidStepStatus.InProgress, detail: "Matching members to the lots.")
            : Step("partners", "Confirm partners", BidStepStatus.NotStarted),
            f.Round is null ? Step("declarations", "Members declare", BidStepStatus.NotStarted)
            : f.Round.ClosedAt is { } closed ? Step("declarations", "Members declare", BidStepStatus.Done, detail: $"{c.Answered} of {c.Invited} answered; closed {When(closed)}.")
            : Step("declarations", "Members declare", BidStepStatus.Waiting, Members, f.Round.ClosesAt, $"{c.Answered} of {c.Invited} answered."),
            f.Allocation is null ? Step("shares", "Approve shares", BidStepStatus.NotStarted)
            : f.Allocation.Status != AllocationStatus.Proposed ? Step("shares", "Approve shares", BidStepStatus.Done, detail: $"Round {f.Allocation.Round} approved.")
            : f.WaitsFor(AllocationSignals.Approval) ? Step("shares", "Approve shares", BidStepStatus.Waiting, Lead, detail: Coverage(f.Allocation))
            : Step("shares", "Approve shares", BidStepStatus.InProgress, detail: "Allocating the shares."),
            f.Allocation is null || f.Allocation.Status == AllocationStatus.Proposed ? Step("consent", "Members accept", BidStepStatus.NotStarted)
            : f.Allocation.Consents.Any(x => x.Status == ConsentStatus.Pending)
                ? Step("consent", "Members accept", BidStepStatus.Waiting, Members, detail: $"{c.Accepted} of {c.Allocated} accepted.")
                : Step("consent", "Members accept", BidStepStatus.Done, detail: $"{c.Accepted} of {c.Allocated} accepted."),
        };
        var consentDone = steps[^1].Status == BidStepStatus.Done;

        steps.Add(!f.Has(Types.AssembleBidPack) ? Step("pack", "Bid pack", BidStepStatus.Skipped, detail: "This bid's workflow makes no bid pack.")
            : f.PackVersion > 0 && (consentDone || f.Review is not null) ? Step("pack", "Bid pack", BidStepStatus.Done, detail: $"Version {f.PackVersion}.")
            : consentDone && Active(f) ? Step("pack", "Bid pack", BidStepStatus.InProgress, detail: "Assembling the bid pack.")
            : Step("pack", "Bid pack", BidStepStatus.NotStarted));

        var submissionReached = f.Bid?.Submission is not null || f.WaitsFor(SubmissionSignals.Submitted);
        steps.Add(!f.Has(Types.AwaitAdviserReview) ? Step("review", "Adviser review", BidStepStatus.Skipped, detail: "This bid's workflow has no adviser review.")
            : f.Review is null ? submissionReached
                ? Step("review", "Adviser review", BidStepStatus.Skipped, detail: "Not needed for a contract of this value.")
                : Step("review", "Adviser review", BidStepStatus.NotStarted)
            : f.Review.Decision == ReviewDecision.Approved && !f.WaitsFor(ReviewSignals.Decision)
                ? Step("review", "Adviser review", BidStepStatus.Done, detail: $"Bid pack version {f.Review.BidPackVersion} approved by {Person(f.Review.DecidedBy ?? "the adviser")}.")
            : f.Review.Decision == ReviewDecision.ChangesRequested && f.WaitsFor(Signals.Revision)
                ? Step("review", "Adviser review", BidStepStatus.Waiting, Lead, detail: "The adviser asked for changes.")
            : f.WaitsFor(ReviewSignals.Decision)
                ? Step("review", "Adviser review", BidStepStatus.Waiting, Adviser, f.Review.DueAt, $"Bid pack version {f.Review.BidPackVersion} is with the adviser.")
            : Step("review", "Adviser review", BidStepStatus.InProgress, detail: "Preparing the pack again after the adviser's changes."));

        steps.Add(!f.Has(Types.AwaitSubmission) ? Step("submission", "Submit", BidStepStatus.Skipped)
            : f.Bid?.Submission is { } s ? Step("submission", "Submit", BidStepStatus.Done, detail: $"Submitted {When(s.At)}" + (s.Reference is null ? "." : $", reference {s.Reference}."))
            : f.WaitsFor(SubmissionSignals.Submitted) ? Step("submission", "Submit", BidStepStatus.Waiting, Lead, f.Bid?.TenderDeadline, "Submit on the buyer's portal, then record it here.")
            : Step("submission", "Submit", BidStepStatus.NotStarted));

        var outcomes = f.Bid?.Outcomes ?? [];
        steps.Add(!f.Has(Types.AwaitOutcome) ? Step("outcome", "Outcome", BidStepStatus.Skipped)
            : outcomes.Count > 0 ? Step("outcome", "Outcome", BidStepStatus.Done, detail: outcomes.Any(o => o.Awarded)
                ? $"Won {Wording.Lots(outcomes.Where(o => o.Awarded).Select(o => o.LotId))}."
                : "No lot was won.")
            : f.WaitsFor(SubmissionSignals.Outcome) ? Step("outcome", "Outcome", BidStepStatus.Waiting, Buyer, detail: "Record the buyer's decision when it arrives.")
            : Step("outcome", "Outcome", BidStepStatus.NotStarted));

        var subcontracts = f.Bid?.Subcontracts ?? [];
        steps.Add(!f.Has(Types.IssueSubcontracts) || f.Bid?.Status == BidStatus.Lost ? Step("subcontracts", "Sub-contracts", BidStepStatus.Skipped)
            : subcontracts.Count > 0 || (outcomes.Count > 0 && f.Instance?.Summary.Status == InstanceStatus.Finished)
                ? Step("subcontracts", "Sub-contracts", BidStepStatus.Done, detail: $"{subcontracts.Count} issued.")
            : outcomes.Count > 0 ? Step("subcontracts", "Sub-contracts", BidStepStatus.InProgress, detail: "Issuing the sub-contracts.")
            : Step("subcontracts", "Sub-contracts", BidStepStatus.NotStarted));
        return steps;
    }

    private static bool Active(Facts f) => f.Instance?.Summary.Status is InstanceStatus.Running or InstanceStatus.Suspended;

    private static BidStepView Step(string key, string title, BidStepStatus status, string? waitingOn = null, DateTimeOffset? until = null, string? detail = null) =>
        new(key, title, status, waitingOn, until, detail);

    private static string Coverage(StoredAllocation allocation)
    {
        var demand = allocation.Result.Lots.Sum(l => l.Demand);
        var covered = allocation.Result.Lots.Sum(l => l.Covered);
        return demand == 0 ? "Check the proposed shares." : $"The proposed shares cover {Math.Round(100m * covered / demand, 0)}% of the work.";
    }

    private static string NextAction(Facts f, BidStepView? current, string? status, string? incident, string opportunityId)
    {
        if (f.Bid is null) return "Check the notice and start the bid.";
        if (status == InstanceStatus.Faulted)
            return $"A step failed ({incident ?? "no reason recorded"}). Put right what it names, then retry the bid (tender instances retry {f.Bid.InstanceId}).";
        if (status == InstanceStatus.Cancelled) return "The bid's workflow was cancelled. Start the bid again to carry on.";
        if (current is null)
            return f.Bid.Status == BidStatus.Lost ? "Nothing to do: no lot was won." : "Nothing to do: the sub-contracts are issued.";
        return current.Key switch
        {
            "partners" when current.Status == BidStepStatus.Waiting => "Check the matches and confirm the shortlist, so members are invited.",
            "declarations" => $"Wait for members to declare by {When(current.Until)}, or close declarations early. {current.Detail}",
            "shares" when current.Status == BidStepStatus.Waiting => $"Check the proposed shares, then approve them or set a share yourself. {current.Detail}",
            "consent" => $"Wait for members to accept their shares. {current.Detail}",
            "review" when current.WaitingOn == Adviser => $"Wait for the adviser's review{(current.Until is { } due ? $", due {When(due)}" : "")}.",
            "review" when current.WaitingOn == Lead => "Make the changes the adviser asked for, then send the bid back to assembly or allocation.",
            "submission" when current.Status == BidStepStatus.Waiting =>
                $"Submit the bid on the buyer's portal{(current.Until is { } deadline ? $" by {When(deadline)}" : "")}, then record the submission here"
                + (f.FailedChecks == 0 ? "." : $", with your reason for each of the pack's {f.FailedChecks} failed checks (or fix them and build the pack again)."),
            "outcome" when current.Status == BidStepStatus.Waiting => "Record the buyer's decision for each lot when it arrives.",
            _ => $"Nothing to do yet: {char.ToLowerInvariant(current.Detail?[0] ?? 'w')}{current.Detail?[1..] ?? "aiting for the next step."}",
        };
    }

    /// <summary>Who did it as a person reads it: the journal's "lead:jo@consortium.org" is "jo@consortium.org".</summary>
    private static string Person(string actor) => actor.IndexOf(':') is var colon and > 0 && actor[..colon] is "lead" or "adviser" or "cli" or "member" ? actor[(colon + 1)..] : actor;

    /// <summary>A moment as a person reads it: "3 December 2026 at midday (UK time)".</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? DisplayTime.Current.DateAndTime(t) : "the deadline";

    /// <summary>Bookmarks of the lead-partner definitions' plain WaitForSignal steps.</summary>
    private static class Signals
    {
        public const string Shortlist = "shortlist", Revision = "revision";
    }

    /// <summary>Activity types whose presence in the definition says the bid has that step.</summary>
    private static class Types
    {
        public const string AssembleBidPack = "AssembleBidPack", AwaitAdviserReview = "AwaitAdviserReview", AwaitSubmission = "AwaitSubmission",
            AwaitOutcome = "AwaitOutcome", IssueSubcontracts = "IssueSubcontracts";
    }
}
