namespace TenderConsortium.Persistence.Bids;

/// <summary>A row of <c>bids</c>: one per opportunity (unique), times as UTC ticks like the other domain tables.</summary>
public sealed class BidRecord
{
    public required string Id { get; set; }

    public required string OpportunityId { get; set; }

    public required string ConsortiumId { get; set; }

    public int Version { get; set; }

    public required string WorkflowId { get; set; }

    public Guid? InstanceId { get; set; }

    public string? LeadEmail { get; set; }

    public long? DeclarationDeadline { get; set; }

    public long? TenderDeadline { get; set; }

    public long StartedAt { get; set; }

    public required string StartedBy { get; set; }

    public string? StartRequest { get; set; }

    public string? SubmissionReference { get; set; }

    public long? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>The failed checks the lead accepted when recording the submission, with reasons, as JSON; null when none.</summary>
    public string? SubmissionAcceptedChecks { get; set; }

    /// <summary>Incremented by every save; a save that finds another value lost a race and is refused.</summary>
    public long Concurrency { get; set; }

    public List<BidLotOutcomeRecord> Outcomes { get; set; } = [];

    public List<BidSubcontractRecord> Subcontracts { get; set; } = [];
}
