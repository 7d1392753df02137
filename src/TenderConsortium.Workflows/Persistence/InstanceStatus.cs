namespace TenderConsortium.Workflows.Persistence;

public static class InstanceStatus
{
    public const string Running = "Running";
    public const string Suspended = "Suspended";
    public const string Finished = "Finished";
    public const string Faulted = "Faulted";
    public const string Cancelled = "Cancelled";

    public static bool IsActive(string status) => status is Running or Suspended or Faulted;
}
