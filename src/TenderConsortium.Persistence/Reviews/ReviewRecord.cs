namespace TenderConsortium.Persistence.Reviews;

/// <summary>One review round of an opportunity's bid pack; comments as JSON.</summary>
public sealed class ReviewRecord
{
    public required string OpportunityId { get; set; }

    public int Round { get; set; }

    public int BidPackVersion { get; set; }

    public required string Decision { get; set; }

    public required string Comments { get; set; }

    public long RequestedAt { get; set; }

    public long? DueAt { get; set; }

    public string? DecidedBy { get; set; }

    public long? DecidedAt { get; set; }

    public string? Summary { get; set; }

    /// <summary>The failed checks the adviser accepted when approving, with reasons, as JSON; null when none.</summary>
    public string? AcceptedChecks { get; set; }
}
