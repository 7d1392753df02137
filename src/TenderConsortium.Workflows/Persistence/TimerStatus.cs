namespace TenderConsortium.Workflows.Persistence;

public static class TimerStatus
{
    public const string Pending = "Pending";
    public const string Fired = "Fired";
    public const string Cancelled = "Cancelled";
}
