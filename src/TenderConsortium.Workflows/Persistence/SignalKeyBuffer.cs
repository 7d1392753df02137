using System.Text.Json;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The idempotency keys an instance accepted since its last batch went to <see cref="SignalKeyRecord"/>, carried in the
/// instance row (<see cref="InstanceRecord.RecentSignalKeys"/>). Writing each key into its own table at once cost a
/// resume 1.6 pages of that table's B-tree (each instance's keys sit together, so every insert split or rebalanced a
/// full page); a batch of <see cref="BatchSize"/> keys of one instance lands on one or two pages.
/// </summary>
internal static partial class SignalKeyBuffer
{
    /// <summary>
    /// Keys held in the row before they are written out: about 0.1 of a page per signal, for a row at most about 600
    /// bytes longer (a generated key is 32 characters).
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
