using System.Text.Json.Nodes;

namespace TenderConsortium.Core.Opportunities;

/// <summary>One field an amendment changed, by JSON path (lots keyed by id: <c>lots[id=2].value.amount</c>).</summary>
public sealed record OpportunityChange(string Path, JsonNode? Before, JsonNode? After);
