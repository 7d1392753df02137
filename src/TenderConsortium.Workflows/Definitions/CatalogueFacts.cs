using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Workflows.Definitions;

/// <summary>Texts about the catalogue that error messages use, worked out once per loader rather than per file.</summary>
internal sealed class CatalogueFacts(ActivityCatalogue catalogue)
{
    public string KnownTypes { get; } = string.Join(", ", catalogue.All.Select(a => a.Descriptor.Type).Order(StringComparer.Ordinal));

    public string WaitingTypes { get; } =
        string.Join(", ", catalogue.All.Where(a => a.Descriptor.Waits).Select(a => a.Descriptor.Type).Order(StringComparer.Ordinal));

    public string KindNames { get; } = string.Join(", ", Enum.GetValues<ValueKind>().Select(ValueConversion.KindName));
}
