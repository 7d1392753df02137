namespace TenderConsortium.Application.Bids.Start;

/// <param name="Replayed">The same start request was made before: this is that bid, nothing new was started or sent.</param>
public sealed record BidStarted(string BidId, string OpportunityId, string Title, int Version, string Workflow, int WorkflowVersion, Guid InstanceId, string Status,
    bool Replayed = false);
