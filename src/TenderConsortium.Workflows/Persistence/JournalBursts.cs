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
                json.WriteString("kind", entry.Kind);
                if (entry.ActivityId is not null) json.WriteString("activity", entry.ActivityId);
                if (entry.Actor is not null) json.WriteString("actor", entry.Actor);
                if (entry.Detail is not null) json.WriteString("detail", entry.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
