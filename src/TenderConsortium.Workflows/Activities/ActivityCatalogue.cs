namespace TenderConsortium.Workflows.Activities;

/// <summary>The activity types a definition may use, by type name.</summary>
public sealed class ActivityCatalogue
{
    private readonly Dictionary<string, IActivity> _byType = new(StringComparer.Ordinal);

    public ActivityCatalogue(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            if (!_byType.TryAdd(activity.Descriptor.Type, activity))
                throw new InvalidOperationException($"Activity type '{activity.Descriptor.Type}' is registered twice.");
        }
    }

    /// <summary>A catalogue of the built-in activities only, plus any extra ones given.</summary>
    public static ActivityCatalogue WithBuiltIns(params IActivity[] extra) => new(BuiltInActivities.All().Concat(extra));

    public IReadOnlyCollection<IActivity> All => _byType.Values;

    public bool TryGet(string type, out IActivity activity) => _byType.TryGetValue(type, out activity!);

    public IActivity Get(string type) =>
        _byType.TryGetValue(type, out var activity)
            ? activity
            : throw new InvalidOperationException($"Unknown activity type '{type}'.");
}
