using System.Text;
using System.Text.Json;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>Packs a burst's journal entries into <see cref="JournalBurstRecord"/> rows (one, unless a burst is enormous).</summary>
internal static class JournalBursts
{
    /// <summary>Read back only as JSON (the view, the database's JSON functions): no need to escape for HTML.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<JournalBurstRecord> Pack(IReadOnlyList<JournalRecord> entries)
    {
        var rows = new List<JournalBurstRecord>(1);
        for (var start = 0; start < entries.Count; start += (int)JournalBurstRecord.EntriesPerBurst)
        {
            var count = (int)Math.Min(JournalBurstRecord.EntriesPerBurst, entries.Count - start);
            var first = entries[start];
            rows.Add(new JournalBurstRecord
            {
                InstanceId = first.InstanceId,
                At = first.At,
                Node = first.Node,
                Entries = Serialise(entries, start, count),
            });
        }

        return rows;
    }

    // The entries' field names, as the wf_journal view (see the LeanHotPath migration) reads them too.
    private const string KindField = "kind";
    private const string ActivityField = "activity";
    private const string ActorField = "actor";
    private const string DetailField = "detail";

    /// <summary>
    /// A burst row's entries, numbered as the <c>wf_journal</c> view numbers them: the burst's id times
    /// <see cref="JournalBurstRecord.EntriesPerBurst"/> plus the entry's place in it.
    /// </summary>
    public static IEnumerable<JournalRecord> Unpack(JournalBurstRecord burst)
    {
        using var json = JsonDocument.Parse(burst.Entries);
        var place = 0L;
        foreach (var e in json.RootElement.EnumerateArray())
        {
            yield return new JournalRecord
            {
                Id = burst.Id * JournalBurstRecord.EntriesPerBurst + place++,
                InstanceId = burst.InstanceId,
                At = burst.At,
                Kind = Text(e, KindField) ?? "",
                ActivityId = Text(e, ActivityField),
                Actor = Text(e, ActorField),
                Node = burst.Node,
                Detail = Text(e, DetailField),
            };
        }
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The entries as a JSON array of objects with the view's field names; absent fields read as null.</summary>
    private static string Serialise(IReadOnlyList<JournalRecord> entries, int start, int count)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 * count);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                var entry = entries[i];
                json.WriteStartObject();
                json.WriteString(KindField, entry.Kind);
                if (entry.ActivityId is not null) json.WriteString(ActivityField, entry.ActivityId);
                if (entry.Actor is not null) json.WriteString(ActorField, entry.Actor);
                if (entry.Detail is not null) json.WriteString(DetailField, entry.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
