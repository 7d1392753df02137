using System.Text.Json.Nodes;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Core.Notifications;

/// <summary>A bid that stopped with an incident tells its lead what failed, at which stage, and how to run it again.</summary>
public sealed class FaultEmails : IIncidentObserver
{
    public async ValueTask OnFaultedAsync(ActivityContext context, string reason)
    {
        var settings = context.TenderSettings();
        if (settings.LeadEmails.Count == 0) return;
        var links = context.Service<PublicLinks>();
        // The email must go even when the fault is about the opportunity itself (gone, or an id that is not text).
        var opportunityId = context.GetVariable("opportunityId") is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
        var found = opportunityId is null ? null : await context.Service<IMatchingSource>().FindOpportunityAsync(opportunityId);
        var opportunity = found is { } f ? EmailModels.Opportunity(f.Id, f.Opportunity, links) : null;
        context.Notify("fault.lead", $"{context.Node.Id}:{context.Now.UtcTicks}", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity),
            ("instanceId", context.InstanceId.ToString()),
            ("stage", context.Node.DisplayName ?? context.Node.Id),
            ("problem", reason),
            ("retryCommand", $"tender instances retry {context.InstanceId}"),
            ("link", opportunityId is null ? links.BaseUrl : links.Opportunity(opportunityId))));
    }
}
