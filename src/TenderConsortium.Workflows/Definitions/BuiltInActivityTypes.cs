namespace TenderConsortium.Workflows.Definitions;

public static class BuiltInActivityTypes
{
    public const string Start = "Start";
    public const string End = "End";
    public const string Fork = "Fork";
    public const string Join = "Join";
    public const string Decision = "Decision";
    public const string SetVariable = "SetVariable";
    public const string Delay = "Delay";
    public const string WaitUntil = "WaitUntil";
    public const string WaitForSignal = "WaitForSignal";
    public const string SendEmail = "SendEmail";
}
