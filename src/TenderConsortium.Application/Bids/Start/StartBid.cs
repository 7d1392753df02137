using System.Text.Json.Nodes;

namespace TenderConsortium.Application.Bids.Start;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="Workflow">A definition id; null runs the whole lead-partner flow (see <see cref="BidWorkflows"/>).</param>
/// <param name="DeclarationDeadline">When members' declarations close; null lets the definition's period decide.</param>
/// <param name="Settings">Values for the definition's settings (lead's email, lot terms, …).</param>
/// <param name="ConsortiumId">The caller's consortium: an opportunity of another consortium is not found.</param>
public sealed record StartBid(string Opportunity, string Actor, string? Workflow = null, DateTimeOffset? DeclarationDeadline = null, JsonObject? Settings = null,
    string? ConsortiumId = null);
