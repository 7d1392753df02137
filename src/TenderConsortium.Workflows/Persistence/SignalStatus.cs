namespace TenderConsortium.Workflows.Persistence;

public static class SignalStatus
{
    public const string Pending = "Pending";
    public const string Applied = "Applied";
}
