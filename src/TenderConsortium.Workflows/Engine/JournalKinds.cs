namespace TenderConsortium.Workflows.Engine;

public static class JournalKinds
{
    public const string InstanceStarted = "InstanceStarted";
    public const string InstanceFinished = "InstanceFinished";
    public const string InstanceFaulted = "InstanceFaulted";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivityCompleted = "ActivityCompleted";
    public const string ActivitySuspended = "ActivitySuspended";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string ActivityRetried = "ActivityRetried";
    public const string Resumed = "Resumed";
    public const string SignalKept = "SignalKept";
    public const string TimerFired = "TimerFired";
    public const string EmailQueued = "EmailQueued";
    public const string Note = "Note";
    public const string RetryRequested = "RetryRequested";
}
