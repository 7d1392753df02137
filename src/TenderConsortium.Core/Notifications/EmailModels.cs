using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Core.Notifications;

/// <summary>The shared parts of email models (shapes documented in templates/email/README.md).</summary>
public static class EmailModels
{
    public static Dictionary<string, object?> Opportunity(string id, Opportunity opportunity, PublicLinks links) => new()
    {
        ["id"] = id,
        ["title"] = opportunity.Title,
        ["buyer"] = opportunity.Buyer.Name,
        ["reference"] = opportunity.Reference ?? opportunity.Ocid,
        ["deadline"] = opportunity.Deadline,
        ["link"] = links.Opportunity(id),
    };

    public static async Task<Dictionary<string, object?>> OpportunityAsync(ActivityContext context, string opportunityId)
    {
        var found = await context.Service<IMatchingSource>().FindOpportunityAsync(opportunityId)
                    ?? throw new InvalidOperationException($"no opportunity with id '{opportunityId}'");
        return Opportunity(found.Id, found.Opportunity, context.Service<PublicLinks>());
    }

    public static Dictionary<string, object?> Member(string name, string? contactName) => new()
    {
        ["name"] = name,
        ["contactName"] = string.IsNullOrWhiteSpace(contactName) ? null : contactName,
    };

    public static Dictionary<string, object?> Lead(TenderSettings settings) => new()
    {
        ["name"] = settings.LeadName ?? settings.ConsortiumName,
        ["email"] = settings.LeadEmails.FirstOrDefault() ?? "",
    };

    public static Dictionary<string, object?> Model(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
