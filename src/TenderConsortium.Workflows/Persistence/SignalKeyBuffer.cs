using System.Text.Json;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The idempotency keys an instance accepted since its last batch went to <see cref="SignalKeyRecord"/>, carried in the
/// instance row (<see cref="InstanceRecord.RecentSignalKeys"/>), which every call writes anyway. A tree keyed by
/// (instance, key) keeps each instance's keys together, so a key written on its own lands inside a full page: when the
/// signals themselves were keyed that way, that was 1.6 pages a resume. A batch of <see cref="BatchSize"/> keys of one
/// instance shares its pages: about 4 a batch in the benchmark, whose instances hold thousands of keys each, and one
/// or two for an instance with a few dozen.
/// </summary>
internal static partial class SignalKeyBuffer
{
    /// <summary>
    /// Keys held in the row before they are written out: about a quarter of a page per signal in the benchmark (1.6
    /// when each was written on its own), for a row at most about 600 bytes longer (a generated key is 32 characters).
    /// </summary>
    public const int BatchSize = 16;

    public static bool Contains(string? buffer, string key) => buffer is not null && Read(buffer).Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// The buffer with <paramref name="keys"/> added, or, once it holds <see cref="BatchSize"/>, null and every key in
    /// <paramref name="flush"/> to be written to the keys' table.
    /// </summary>
    public static string? Add(string? buffer, IReadOnlyCollection<string> keys, out IReadOnlyList<string> flush)
    {
        flush = [];
        if (keys.Count == 0) return buffer;
        var all = buffer is null ? [] : Read(buffer);
        all.AddRange(keys);
        if (all.Count < BatchSize) return JsonSerializer.Serialize(all, Json.Default.ListString);
        flush = all;
        return null;
    }

    private static List<string> Read(string buffer) => JsonSerializer.Deserialize(buffer, Json.Default.ListString) ?? [];

    [System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
    private sealed partial class Json : System.Text.Json.Serialization.JsonSerializerContext;
}
