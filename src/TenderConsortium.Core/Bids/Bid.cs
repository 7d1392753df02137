using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Core.Bids;

/// <summary>
/// The consortium's bid for one opportunity: the business facts every door reads (who started it, on which workflow,
/// its deadlines, the submission, the buyer's decision per lot, the sub-contracts issued). The workflow instance
/// drives the steps; the facts live here, changed only through the guarded methods below, so a second start, an
/// outcome before a submission or a sub-contract for a lost lot cannot be recorded by any door.
/// </summary>
public sealed class Bid
{
    private readonly List<LotOutcome> _outcomes;
    private readonly List<BidSubcontract> _subcontracts;

    private Bid(string id, string opportunityId, string consortiumId, int version, string workflowId, Guid? instanceId, string? leadEmail,
        DateTimeOffset? declarationDeadline, DateTimeOffset? tenderDeadline, DateTimeOffset startedAt, string startedBy, string? startRequest, BidSubmission? submission,
        IEnumerable<LotOutcome> outcomes, IEnumerable<BidSubcontract> subcontracts, long concurrency)
    {
        Id = id;
        OpportunityId = opportunityId;
        ConsortiumId = consortiumId;
        Version = version;
        WorkflowId = workflowId;
        InstanceId = instanceId;
        LeadEmail = leadEmail;
        DeclarationDeadline = declarationDeadline;
        TenderDeadline = tenderDeadline;
        StartedAt = startedAt;
        StartedBy = startedBy;
        StartRequest = startRequest;
        Submission = submission;
        _outcomes = outcomes.ToList();
        _subcontracts = subcontracts.ToList();
        Concurrency = concurrency;
    }

    /// <summary>Who "started" a bid adopted from a workflow that began without one (an earlier release, a script): nobody known.</summary>
    public const string UnknownStarter = "";

    public string Id { get; }

    public string OpportunityId { get; }

    public string ConsortiumId { get; }

    /// <summary>1 for the first bid; a bid started again after its workflow was cancelled is the next version of the same bid.</summary>
    public int Version { get; private set; }

    /// <summary>The workflow definition that runs the bid's steps.</summary>
    public string WorkflowId { get; private set; }

    /// <summary>The running workflow instance; null only between reserving the bid and starting its workflow.</summary>
    public Guid? InstanceId { get; private set; }

    /// <summary>Where members' answers and the lead's reports go.</summary>
    public string? LeadEmail { get; private set; }

    /// <summary>When members' declarations close, when the lead chose it at the start.</summary>
    public DateTimeOffset? DeclarationDeadline { get; private set; }

    /// <summary>The buyer's deadline for tenders, from the notice when the bid started.</summary>
    public DateTimeOffset? TenderDeadline { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; }

    /// <summary>
    /// A digest of the start request (who, which workflow, deadline, settings): the same request sent again — a
    /// double click, a client retrying after a lost reply — is the same start, not a second bid.
    /// </summary>
    public string? StartRequest { get; private set; }

    public BidSubmission? Submission { get; private set; }

    public IReadOnlyList<LotOutcome> Outcomes => _outcomes;

    public IReadOnlyList<BidSubcontract> Subcontracts => _subcontracts;

    /// <summary>The stored row's version when loaded; the store refuses a save over someone else's newer one.</summary>
    public long Concurrency { get; }

    public BidStatus Status => _outcomes.Count > 0
        ? _outcomes.Any(o => o.Awarded) ? BidStatus.Won : BidStatus.Lost
        : Submission is null ? BidStatus.InPreparation : BidStatus.Submitted;

    public static Bid Start(string opportunityId, string consortiumId, string workflowId, string? leadEmail, DateTimeOffset? declarationDeadline,
        DateTimeOffset? tenderDeadline, DateTimeOffset now, string actor, string? startRequest = null) =>
        new(Guid.NewGuid().ToString("N"), opportunityId, consortiumId, 1, workflowId, null, leadEmail, declarationDeadline, tenderDeadline, now, actor, startRequest, null, [], [], 0);

    /// <summary>Rebuilds a stored bid (persistence only).</summary>
    public static Bid Restore(string id, string opportunityId, string consortiumId, int version, string workflowId, Guid? instanceId, string? leadEmail,
        DateTimeOffset? declarationDeadline, DateTimeOffset? tenderDeadline, DateTimeOffset startedAt, string startedBy, string? startRequest, BidSubmission? submission,
        IEnumerable<LotOutcome> outcomes, IEnumerable<BidSubcontract> subcontracts, long concurrency) =>
        new(id, opportunityId, consortiumId, version, workflowId, instanceId, leadEmail, declarationDeadline, tenderDeadline, startedAt, startedBy, startRequest, submission,
            outcomes, subcontracts, concurrency);

    /// <summary>Links the workflow that runs this bid. The same instance again is a no-op (a retried start).</summary>
    public void AttachInstance(Guid instanceId)
    {
        if (InstanceId == instanceId) return;
        if (InstanceId is not null)
            throw new ProblemException("bid", ProblemCode.Conflict, "this bid already runs on another workflow instance; start it again only after cancelling that one");
        InstanceId = instanceId;
    }

    /// <summary>
    /// Starts the bid again after its workflow was cancelled: the next version of the same bid, on a new instance,
    /// with nothing submitted. A bid whose workflow still runs, or that the buyer has decided, cannot restart.
    /// </summary>
    public void Restart(string workflowId, string? leadEmail, DateTimeOffset? declarationDeadline, DateTimeOffset? tenderDeadline, DateTimeOffset now, string actor,
        string? startRequest = null)
    {
        if (Status is BidStatus.Won or BidStatus.Lost)
            throw new ProblemException("bid", ProblemCode.Conflict, "the buyer has already decided this bid; it cannot be started again");
        Version++;
        WorkflowId = workflowId;
        InstanceId = null;
        LeadEmail = leadEmail;
        DeclarationDeadline = declarationDeadline;
        TenderDeadline = tenderDeadline;
        StartedAt = now;
        StartedBy = actor;
        StartRequest = startRequest;
        Submission = null;
        _subcontracts.Clear();
    }

    /// <summary>
    /// The lead says the bid went to the buyer, with the failed checks it accepted (each with its reason). Recording it
    /// twice is refused: the first record stands.
    /// </summary>
    public void RecordSubmission(string? reference, DateTimeOffset at, string by, IReadOnlyList<AcceptedCheck>? acceptedChecks = null)
    {
        if (Submission is not null)
            throw new ProblemException("submission", ProblemCode.Conflict, $"the submission was already recorded on {JournalTime.Of(Submission.At)} by {Submission.By}");
        if (reference?.Length > 200) throw new ProblemException("reference", ProblemCode.Invalid, "enter at most 200 characters");
        Submission = new BidSubmission(string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), at, by) { AcceptedChecks = acceptedChecks ?? [] };
    }

    /// <summary>The buyer's decision: every lot of the opportunity is either awarded or not. Only after the submission, and once.</summary>
    public void RecordOutcome(IReadOnlyCollection<string> awardedLots, IReadOnlyList<string> opportunityLots, DateTimeOffset at, string by)
    {
        if (Submission is null)
            throw new ProblemException("outcome", ProblemCode.Conflict, "record the submission before the buyer's decision");
        if (_outcomes.Count > 0)
            throw new ProblemException("outcome", ProblemCode.Conflict, "the buyer's decision was already recorded");
        var unknown = awardedLots.Where(l => !opportunityLots.Contains(l)).ToList();
        if (unknown.Count > 0)
            throw new ProblemException("awardedLots", ProblemCode.Invalid,
                $"no lot {string.Join(", ", unknown.Select(u => $"'{u}'"))}; choose from {string.Join(", ", opportunityLots)}");
        _outcomes.AddRange(opportunityLots.Select(l => new LotOutcome(l, awardedLots.Contains(l), at, by)));
    }

    /// <summary>A sub-contract for awarded lots; a member has one sub-contract per bid.</summary>
    public void RecordSubcontract(BidSubcontract subcontract)
    {
        var lost = subcontract.LotIds.Where(l => !_outcomes.Any(o => o.LotId == l && o.Awarded)).ToList();
        if (lost.Count > 0)
            throw new ProblemException("subcontract", ProblemCode.Conflict, $"lot {string.Join(", ", lost)} was not awarded, so nothing can be sub-contracted in it");
        _subcontracts.RemoveAll(s => s.MemberId == subcontract.MemberId);
        _subcontracts.Add(subcontract);
    }
}
