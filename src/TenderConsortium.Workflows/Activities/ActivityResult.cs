namespace TenderConsortium.Workflows.Activities;

public sealed class ActivityResult
{
    private ActivityResult(bool suspended, IReadOnlyList<string> outcomes, bool endsInstance)
    {
        Suspended = suspended;
        Outcomes = outcomes;
        EndsInstance = endsInstance;
    }

    public bool Suspended { get; }
    public IReadOnlyList<string> Outcomes { get; }
    public bool EndsInstance { get; }

    public static ActivityResult Done { get; } = new(false, ["done"], false);
    public static ActivityResult Suspend { get; } = new(true, [], false);
    public static ActivityResult Finish { get; } = new(false, [], true);

    public static ActivityResult Complete(params string[] outcomes) => new(false, outcomes, false);
}
