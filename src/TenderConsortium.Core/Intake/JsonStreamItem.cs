using System.Text.Json;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// One value read from a JSON file by <see cref="JsonStream"/>: an element of a streamed array (a release, a record,
/// a member) or another top-level property. The caller owns and disposes it.
/// </summary>
public sealed class JsonStreamItem(string? property, int index, JsonDocument document) : IDisposable
{
    /// <summary>The top-level property holding the value; null for an element of a root array.</summary>
    public string? Property { get; } = property;

    /// <summary>Position in the streamed array, or -1 for a top-level property that is not streamed.</summary>
    public int Index { get; } = index;

    public bool IsArrayElement => Index >= 0;

    public JsonElement Value => document.RootElement;

    public string Path => IsArrayElement ? $"{Property}[{Index}]" : Property!;

    public void Dispose() => document.Dispose();
}
