using System.Text.Json.Nodes;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The published shape of an allocation, for <c>tender allocate --json</c>, the API and the instance variable:
/// <c>{"lots":[{"lotId","title","demand","unit","shares":[{"memberId","memberName","volume","value","percent","reason"}],"uncovered"}],"objective":{…}}</c>.
/// </summary>
public static class AllocationJson
{
    public static JsonObject From(AllocationResult result, int? round = null, AllocationStatus? status = null)
    {
        var json = new JsonObject();
        if (round is not null) json["round"] = round;
        if (status is not null) json["status"] = status.Value.ToString().ToLowerInvariant();
        json["lots"] = new JsonArray(result.Lots.Select(lot => (JsonNode)new JsonObject
        {
            ["lotId"] = lot.LotId,
            ["title"] = lot.Title,
            ["demand"] = lot.Demand,
            ["unit"] = lot.Unit,
            ["shares"] = new JsonArray(lot.Shares.Select(s => (JsonNode)new JsonObject
            {
                ["memberId"] = s.MemberId,
                ["memberName"] = s.MemberName,
                ["volume"] = s.Volume,
                ["value"] = s.Value,
                ["percent"] = s.PercentOfLot,
                ["reason"] = s.Explanation,
                ["overrideReason"] = s.OverrideReason,
            }).ToArray()),
            ["uncovered"] = lot.Uncovered,
        }).ToArray());
        var o = result.Objective;
        json["objective"] = new JsonObject
        {
            ["total"] = o.Total,
            ["uncoveredUnits"] = o.UncoveredUnits,
            ["floorShortfallUnits"] = o.FloorShortfallUnits,
            ["weightedCost"] = o.WeightedCost,
            ["price"] = o.Price,
            ["quality"] = o.Quality,
            ["socialValue"] = o.SocialValue,
            ["locality"] = o.Locality,
            ["concentration"] = o.Concentration,
            ["rotation"] = o.Rotation,
            ["uncoveredPenalty"] = o.Uncovered,
            ["floorPenalty"] = o.Floors,
        };
        json["overrides"] = new JsonArray(result.Overrides.Select(v => (JsonNode)new JsonObject
        {
            ["memberId"] = v.MemberId, ["lotId"] = v.LotId, ["volume"] = v.Volume, ["reason"] = v.Reason,
        }).ToArray());
        json["withdrawn"] = new JsonArray(result.WithdrawnMemberIds.Select(m => (JsonNode)JsonValue.Create(m)).ToArray());
        return json;
    }
}
