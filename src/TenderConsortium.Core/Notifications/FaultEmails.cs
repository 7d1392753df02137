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
        var opportunityId = context.GetVariable("opportunityId")?.GetValue<string>();
        var opportunity = opportunityId is null ? null : await EmailModels.OpportunityAsync(context, opportunityId);
        context.Notify("fault.lead", $"{context.Node.Id}:{context.Now.UtcTicks}", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity),
            ("instanceId", context.InstanceId.ToString()),
            ("stage", context.Node.DisplayName ?? context.Node.Id),
            ("problem", reason),
            ("retryCommand", $"tender instances retry {context.InstanceId}"),
            ("link", opportunityId is null ? links.BaseUrl : links.Opportunity(opportunityId))));
    }
}
