using System.Runtime.CompilerServices;
using System.Text.Json;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Reads a large JSON file without ever holding it as one document: the elements of chosen top-level arrays
/// (<c>releases</c>, <c>records</c>, <c>members</c>) or of a root array come out one at a time, each as its own small
/// document. Memory is bounded by the largest single element, not by the file.
/// </summary>
public static class JsonStream
{
    private const int InitialBufferBytes = 64 * 1024;

    public static async IAsyncEnumerable<JsonStreamItem> ReadAsync(
        Stream stream,
        IReadOnlySet<string> streamedArrays,
        IntakeOptions options,
        ICollection<string>? arraysSeen = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every byte is checked to be UTF-8 as it arrives, so a bad one is refused with its line instead of turning into U+FFFD.
        stream = new Utf8CheckingStream(stream);
        var buffer = new byte[InitialBufferBytes];
        var filled = 0;
        long total = 0;
        var final = false;
        var atStart = true;
        var cursor = new Cursor(streamedArrays);
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 128 });
        var items = new List<JsonStreamItem>();

        while (cursor.Mode != Mode.End)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length >= options.MaxFileBytes)
                    throw new BadInputException($"a single JSON value is larger than the {IntakeOptions.Megabytes(options.MaxFileBytes)} limit");
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, Math.Min(options.MaxFileBytes + 1, Array.MaxLength)));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0) final = true;
            filled += read;
            total += read;
            if (total > options.MaxFileBytes)
                throw new BadInputException($"the file is larger than the {IntakeOptions.Megabytes(options.MaxFileBytes)} limit");

            if (atStart)
            {
                if (filled < 3 && !final) continue;
                atStart = false;
                if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    Buffer.BlockCopy(buffer, 3, buffer, 0, filled - 3);
                    filled -= 3;
                    cursor.Column = 3;
                }
            }

            var consumed = Step(buffer.AsSpan(0, filled), final, ref state, cursor, items, arraysSeen);
            cursor.Consumed(buffer.AsSpan(0, consumed));
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            foreach (var item in items) yield return item;
            items.Clear();

            if (final && cursor.Mode != Mode.End)
            {
                if (cursor.Mode == Mode.Start) throw new BadInputException("the file is empty");
                throw new BadInputException("the JSON ends early (the file is truncated or a closing bracket is missing)");
            }
        }

        await EnsureOnlyWhitespaceFollowsAsync(stream, buffer, filled, cancellationToken);
    }

    private static int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, Cursor cursor, List<JsonStreamItem> items, ICollection<string>? arraysSeen)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (cursor.Mode != Mode.End)
            {
                var checkpoint = reader;
                if (!reader.Read())
                {
                    reader = checkpoint;
                    break;
                }

                if (!Advance(ref reader, data, cursor, items, arraysSeen))
                {
                    reader = checkpoint;
                    break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw Translate(ex, final);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <returns>false when the current value is not complete in the buffer yet.</returns>
    private static bool Advance(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Cursor cursor, List<JsonStreamItem> items, ICollection<string>? arraysSeen)
    {
        switch (cursor.Mode)
        {
            case Mode.Start:
                cursor.Mode = reader.TokenType switch
                {
                    JsonTokenType.StartObject => Mode.RootObject,
                    JsonTokenType.StartArray => Mode.RootArray,
                    _ => throw new BadInputException("expected a JSON object or array at the top level"),
                };
                cursor.Property = null;
                return true;

            case Mode.RootObject when cursor.Property is null:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    cursor.Mode = Mode.End;
                    return true;
                }

                CheckText(ref reader, data, cursor);
                cursor.Property = reader.GetString();
                return true;

            case Mode.RootObject:
                if (reader.TokenType == JsonTokenType.StartArray && cursor.StreamedArrays.Contains(cursor.Property!))
                {
                    cursor.Mode = Mode.StreamedArray;
                    cursor.Index = 0;
                    arraysSeen?.Add(cursor.Property!);
                    return true;
                }

                if (!TryCapture(ref reader, data, cursor, out var value)) return false;
                items.Add(new JsonStreamItem(cursor.Property, -1, value));
                cursor.Property = null;
                return true;

            default:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    cursor.Mode = cursor.Mode == Mode.RootArray ? Mode.End : Mode.RootObject;
                    cursor.Property = null;
                    return true;
                }

                if (!TryCapture(ref reader, data, cursor, out var element)) return false;
                items.Add(new JsonStreamItem(cursor.Property, cursor.Index++, element));
                return true;
        }
    }

    private static bool TryCapture(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Cursor cursor, out JsonDocument document)
    {
        document = null!;
        CheckText(ref reader, data, cursor);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            // Walks the value once before capturing it: it must be complete in the buffer, and every escaped text in it
            // must decode (JSON can spell a lone surrogate, "\ud800", which is not text and cannot be read as a string).
            var probe = reader;
            var depth = probe.CurrentDepth;
            do
            {
                if (!probe.Read()) return false;
                CheckText(ref probe, data, cursor);
            }
            while (probe.CurrentDepth > depth || probe.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
        }

        document = JsonDocument.ParseValue(ref reader);
        return true;
    }

    private static void CheckText(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, Cursor cursor)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) return;
        try
        {
            reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var where = TextEncoding.Locate(data[..(int)reader.TokenStartIndex], cursor.Lines, cursor.Column);
            throw new BadInputException($"{where}: invalid text encoding (an escape such as \\ud800 that is half of a surrogate pair is not a character)");
        }
    }

    private static BadInputException Translate(JsonException ex, bool final)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)) return new BadInputException("the file is empty");
        var where = $"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}";
        var endedEarly = final && (message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
                                   || message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase));
        return endedEarly
            ? new BadInputException($"the JSON ends early at {where} (the file is truncated or a closing bracket is missing)")
            : new BadInputException($"not valid JSON at {where}: {message}");
    }

    private static async Task EnsureOnlyWhitespaceFollowsAsync(Stream stream, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        while (true)
        {
            for (var i = 0; i < filled; i++)
            {
                if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    throw new BadInputException("unexpected content after the end of the JSON value");
            }

            filled = await stream.ReadAsync(buffer.AsMemory(), cancellationToken);
            if (filled == 0) return;
        }
    }

    private enum Mode
    {
        Start,
        RootObject,
        StreamedArray,
        RootArray,
        End,
    }

    private sealed class Cursor(IReadOnlySet<string> streamedArrays)
    {
        public IReadOnlySet<string> StreamedArrays { get; } = streamedArrays;

        public Mode Mode { get; set; } = Mode.Start;

        /// <summary>In the root object: the property whose value comes next (null between properties).</summary>
        public string? Property { get; set; }

        public int Index { get; set; }

        /// <summary>Lines before the unread part of the file, and bytes of its current line already read: for messages.</summary>
        public long Lines { get; private set; }

        public long Column { get; set; }

        public void Consumed(ReadOnlySpan<byte> bytes)
        {
            var newlines = bytes.Count((byte)'\n');
            Lines += newlines;
            Column = newlines == 0 ? Column + bytes.Length : bytes.Length - bytes.LastIndexOf((byte)'\n') - 1;
        }
    }
}
