namespace TenderConsortium.Application.Bids.Start;

public sealed record BidStarted(string BidId, string OpportunityId, string Title, int Version, string Workflow, int WorkflowVersion, Guid InstanceId, string Status);
