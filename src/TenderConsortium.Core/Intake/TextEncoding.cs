using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Checks that a file is UTF-8 as it streams through, keeping count of lines so that a bad byte is refused as
/// <c>line 12, byte 40: invalid text encoding (…)</c> instead of being silently replaced by U+FFFD or failing later
/// deep inside a JSON or CSV library. A byte-order mark (UTF-8) is fine; one of UTF-16 gets its own hint.
/// </summary>
public sealed class TextEncoding
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _line = 1;
    private long _lineStart;
    private long _position;

    /// <summary>Checks the next bytes of the file; <paramref name="final"/> when nothing follows.</summary>
    public void Check(ReadOnlySpan<byte> data, bool final)
    {
        var origin = _position;
        _position += data.Length;
        if (origin == 0 && data.Length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
            throw new BadInputException("line 1, byte 1: invalid text encoding (the file is UTF-16; save it as UTF-8)");

        var start = 0;
        if (_carried > 0)
        {
            // The end of the previous chunk began a character; complete it from this one.
            var carryStart = origin - _carried;
            var needed = SequenceLength(_carry[0]);
            while (_carried < needed && start < data.Length) _carry[_carried++] = data[start++];
            if (_carried < needed && !final) return;
            if (Rune.DecodeFromUtf8(_carry.AsSpan(0, _carried), out _, out var used) != OperationStatus.Done || used != _carried)
                throw Invalid(carryStart, _carry[0]);
            Advance(_carry.AsSpan(0, _carried), carryStart);
            _carried = 0;
        }

        var rest = data[start..];
        var restStart = origin + start;
        var cut = rest.Length;
        if (!final)
        {
            // Hold back a character cut in two by the chunk boundary.
            var lead = rest.Length - 1;
            while (lead >= 0 && lead > rest.Length - 4 && (rest[lead] & 0xC0) == 0x80) lead--;
            if (lead >= 0 && rest[lead] >= 0xC0 && rest.Length - lead < SequenceLength(rest[lead])) cut = lead;
        }

        var body = rest[..cut];
        if (!Utf8.IsValid(body))
        {
            var at = 0;
            while (Rune.DecodeFromUtf8(body[at..], out _, out var used) == OperationStatus.Done) at += used;
            Advance(body[..at], restStart);
            throw Invalid(restStart + at, body[at]);
        }

        Advance(body, restStart);
        if (cut == rest.Length) return;
        if (final) throw Invalid(restStart + cut, rest[cut]);
        rest[cut..].CopyTo(_carry);
        _carried = rest.Length - cut;
    }

    /// <summary>
    /// The whole of a small text (a file, a request body) as a string, refusing bytes that are not UTF-8 with their
    /// place, prefixed by <paramref name="what"/> (e.g. "body" or a file name); a UTF-8 byte-order mark is dropped.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            new TextEncoding().Check(bytes, final: true);
        }
        catch (BadInputException ex)
        {
            throw new BadInputException($"{what}: {ex.Message}");
        }

        return Encoding.UTF8.GetString(bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
    }

    /// <summary>
    /// JSON can spell a lone surrogate as an escape ("\ud800"), in a value or a property name: well-formed, but not
    /// text, so reading it later throws. Refused here with its place (after <paramref name="prefix"/>, e.g. "body: "),
    /// so every reader of an already parsed document can take its strings as text.
    /// </summary>
    public static void CheckJsonText(ReadOnlySpan<byte> utf8, string prefix, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                throw new BadInputException($"{prefix}{Locate(utf8[..(int)reader.TokenStartIndex])}: invalid text encoding (an escape such as \\ud800 that is half of a surrogate pair is not a character)");
            }
        }
    }

    /// <summary>Where a byte of text is, for messages: "line 3, byte 17" (both from 1).</summary>
    public static string Locate(ReadOnlySpan<byte> before, long linesBefore = 0, long columnBefore = 0)
    {
        var newlines = before.Count((byte)'\n');
        var last = before.LastIndexOf((byte)'\n');
        var column = last < 0 ? columnBefore + before.Length : before.Length - last - 1;
        return $"line {linesBefore + newlines + 1}, byte {column + 1}";
    }

    private void Advance(ReadOnlySpan<byte> text, long start)
    {
        var newlines = text.Count((byte)'\n');
        if (newlines == 0) return;
        _line += newlines;
        _lineStart = start + text.LastIndexOf((byte)'\n') + 1;
    }

    private BadInputException Invalid(long offset, byte value) =>
        new($"line {_line}, byte {offset - _lineStart + 1}: invalid text encoding (byte 0x{value:X2} is not UTF-8; save the file as UTF-8)");

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };
}

/// <summary>A read-only view of a stream that checks its bytes are UTF-8 as they pass (see <see cref="TextEncoding"/>).</summary>
public sealed class Utf8CheckingStream(Stream inner) : Stream
{
    private readonly TextEncoding _check = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Checked(buffer.AsSpan(offset, count), inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Checked(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Checked(Span<byte> buffer, int read)
    {
        if (buffer.Length == 0) return read; // a read of nothing says nothing about the end
        _check.Check(buffer[..read], final: read == 0);
        return read;
    }
}
