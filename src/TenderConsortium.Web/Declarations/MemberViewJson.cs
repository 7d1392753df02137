using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Web.Declarations;

/// <summary>What a member's link shows, as JSON: the opportunity, the lots to declare for, its latest answer and its share.</summary>
public static class MemberViewJson
{
    public static JsonObject From(MemberDeclarationView view, StoredAllocation? allocation)
    {
        var places = ScottishPlaces.Default;
        var json = new JsonObject
        {
            ["member"] = new JsonObject { ["id"] = view.Invitation.MemberId, ["name"] = view.Invitation.MemberName },
            ["opportunity"] = new JsonObject
            {
                ["title"] = view.OpportunityTitle,
                ["buyer"] = view.BuyerName,
                ["description"] = view.Opportunity.Description,
            },
            ["deadline"] = view.Round.Deadline,
            ["open"] = view.Open,
            ["lots"] = new JsonArray(view.Opportunity.Lots.Select(lot =>
            {
                var terms = view.Round.TermsOf(lot.Id);
                return (JsonNode)new JsonObject
                {
                    ["lotId"] = lot.Id,
                    ["title"] = lot.Title,
                    ["unit"] = terms?.Unit ?? LotUnits.Value,
                    ["demand"] = terms?.Demand ?? 0,
                    ["areas"] = new JsonArray(lot.Places.Select(p => (JsonNode)JsonValue.Create(places.FindByCode(p)?.Name ?? p)).ToArray()),
                };
            }).ToArray()),
            ["latest"] = view.Latest is null ? null : JsonSerializer.SerializeToNode(view.Latest, DomainJson.Options),
            ["revisions"] = view.Revisions,
        };
        var consent = allocation?.Consents.FirstOrDefault(c => c.MemberId == view.Invitation.MemberId);
        if (allocation is not null && allocation.Status != AllocationStatus.Proposed && consent is not null)
        {
            json["share"] = new JsonArray(allocation.Result.Lots.SelectMany(l => l.Shares.Where(s => s.MemberId == view.Invitation.MemberId && s.Volume > 0)
                .Select(s => (JsonNode)new JsonObject
                {
                    ["lotId"] = l.LotId,
                    ["volume"] = s.Volume,
                    ["unit"] = l.Unit,
                    ["value"] = s.Value,
                    ["percent"] = s.PercentOfLot,
                    ["reason"] = s.Explanation,
                })).ToArray());
            json["consent"] = consent.Status.ToString().ToLowerInvariant();
        }

        return json;
    }
}
