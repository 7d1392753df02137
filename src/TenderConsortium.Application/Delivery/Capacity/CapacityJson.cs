using System.Text.Json.Nodes;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Capacity;

/// <summary>The over-committed members of an allocation as the API and `tender allocate --json` show them: a sentence and the months over.</summary>
public static class CapacityJson
{
    public static JsonArray OverCommitted(IReadOnlyList<CapacityLedger> ledgers) =>
        new(ledgers.Select(l => (JsonNode)new JsonObject
        {
            ["memberId"] = l.MemberId,
            ["memberName"] = l.MemberName,
            ["message"] = OverCommitment.Describe(l),
            ["months"] = new JsonArray(l.OverCommittedMonths.Select(m => (JsonNode)new JsonObject
            {
                ["month"] = m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                ["unit"] = m.Unit,
                ["declared"] = m.Declared,
                ["ifAllWon"] = m.Exposure,
                ["bids"] = new JsonArray(m.Bids.Select(b => (JsonNode)JsonValue.Create(b)).ToArray()),
            }).ToArray()),
        }).ToArray());
}
