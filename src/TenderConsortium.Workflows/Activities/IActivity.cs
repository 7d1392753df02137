namespace TenderConsortium.Workflows.Activities;

/// <summary>
/// An activity type of the catalogue. Executing one must only record effects through the context (bookmarks,
/// timers, emails, variables): the engine commits them with the instance state in one transaction, so an
/// activity re-run after a crash leaves no trace of the run that was lost.
/// </summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>Extra checks beyond the declared property types; problems as (relative JSON path, message).</summary>
    IEnumerable<(string Path, string Message)> Validate(Definitions.ActivityNode node) => [];

    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>
    /// Checks an instance's settings before it starts, for what this activity will read from them; problems name
    /// the setting. A bad value is then refused at start rather than faulting the instance days later.
    /// </summary>
    IEnumerable<string> ValidateSettings(System.Text.Json.Nodes.JsonObject settings) => [];

    /// <summary>Called when one of the activity's bookmarks is resumed or one of its timers fires.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input) =>
        throw new InvalidOperationException($"{Descriptor.Type} does not wait, so it cannot be resumed.");
}
