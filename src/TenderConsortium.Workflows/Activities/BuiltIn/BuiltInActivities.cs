namespace TenderConsortium.Workflows.Activities;

public static class BuiltInActivities
{
    public static IEnumerable<IActivity> All() =>
    [
        new BuiltIn.StartActivity(),
        new BuiltIn.EndActivity(),
        new BuiltIn.ForkActivity(),
        new BuiltIn.JoinActivity(),
        new BuiltIn.DecisionActivity(),
        new BuiltIn.SetVariableActivity(),
        new BuiltIn.DelayActivity(),
        new BuiltIn.WaitUntilActivity(),
        new BuiltIn.WaitForSignalActivity(),
        new BuiltIn.SendEmailActivity(),
    ];
}
