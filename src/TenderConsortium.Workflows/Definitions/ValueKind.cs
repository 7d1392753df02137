namespace TenderConsortium.Workflows.Definitions;

/// <summary>The types a setting or an activity property may have.</summary>
public enum ValueKind
{
    String,
    Number,
    Integer,
    Boolean,
    /// <summary>ISO 8601 duration such as "P3D" or "PT2S".</summary>
    Duration,
    /// <summary>ISO 8601 instant with offset.</summary>
    DateTime,
    StringList,
    /// <summary>Free-form JSON object or array, checked by the activity itself.</summary>
    Object,
    /// <summary>A declarative condition (see <see cref="Activities.Condition"/>).</summary>
    Condition,
}
