namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// Told inside the burst that faults an instance, with the failed activity's context: what it queues (an email to
/// whoever runs the workflow) commits together with the incident, or not at all. A failing observer is logged and
/// ignored; it never keeps the incident from being recorded.
/// </summary>
public interface IIncidentObserver
{
    ValueTask OnFaultedAsync(ActivityContext context, string reason);
}
