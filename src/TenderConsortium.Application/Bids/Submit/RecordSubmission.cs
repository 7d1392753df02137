namespace TenderConsortium.Application.Bids.Submit;

/// <param name="Reference">The buyer's portal reference of the submission, when it gave one.</param>
public sealed record RecordSubmission(string Opportunity, string? Reference, string Actor, string? ConsortiumId = null);
