using System.Text;
using System.Text.RegularExpressions;

namespace TenderConsortium.IntegrationTests.Mail.Support;

/// <summary>
/// A strict reader of MIME messages for the tests (MimeKit is not available): headers with folding and RFC 2047
/// encoded words, Content-Type parameters, multipart nesting with boundary checks, and the 7bit, 8bit,
/// quoted-printable and base64 transfer encodings. Anything malformed throws <see cref="FormatException"/>.
/// </summary>
public static partial class MimeMessageReader
{
    public static MimeEntity Parse(byte[] raw) => ParseEntity(Encoding.Latin1.GetString(raw), "message");

    private static MimeEntity ParseEntity(string text, string where)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separator = 4;
        if (split < 0)
        {
            if (text.EndsWith("\r\n", StringComparison.Ordinal)) (split, separator) = (text.Length - 2, 2);
            else throw new FormatException($"{where}: no blank line after the headers");
        }

        var headers = ParseHeaders(text[..split], where);
        var body = split + separator <= text.Length ? text[(split + separator)..] : "";
        var (mediaType, parameters) = ContentType(headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            if (!parameters.TryGetValue("boundary", out var boundary) || boundary.Length == 0) throw new FormatException($"{where}: {mediaType} without a boundary");
            var parts = SplitMultipart(body, boundary, where).Select((p, i) => ParseEntity(p, $"{where}/part {i + 1}")).ToList();
            if (parts.Count == 0) throw new FormatException($"{where}: {mediaType} with no parts");
            return new MimeEntity(headers, mediaType, parameters, [], parts);
        }

        var encoding = (headers.FirstOrDefault(h => h.Key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value ?? "7bit").Trim().ToLowerInvariant();
        var bytes = encoding switch
        {
            "7bit" or "8bit" or "binary" => Encoding.Latin1.GetBytes(body),
            "base64" => Base64(body, where),
            "quoted-printable" => QuotedPrintable(body, where),
            _ => throw new FormatException($"{where}: unknown Content-Transfer-Encoding '{encoding}'"),
        };
        if (encoding == "7bit" && bytes.Any(b => b > 127)) throw new FormatException($"{where}: 8-bit bytes in a 7bit body");
        return new MimeEntity(headers, mediaType, parameters, bytes, []);
    }

    private static List<KeyValuePair<string, string>> ParseHeaders(string block, string where)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                if (headers.Count == 0) throw new FormatException($"{where}: a folded header line with no header before it");
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + line);
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Any(c => c is ' ' or '\t' || c > 126)) throw new FormatException($"{where}: '{line}' is not a header");
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return headers;
    }

    private static List<string> SplitMultipart(string body, string boundary, string where)
    {
        var delimiter = "--" + boundary;
        var lines = body.Split("\r\n");
        var parts = new List<string>();
        StringBuilder? current = null;
        var closed = false;
        foreach (var line in lines)
        {
            if (line.TrimEnd() == delimiter + "--")
            {
                if (current is not null) parts.Add(Trimmed(current));
                closed = true;
                break;
            }

            if (line.TrimEnd() == delimiter)
            {
                if (current is not null) parts.Add(Trimmed(current));
                current = new StringBuilder();
                continue;
            }

            current?.Append(line).Append("\r\n");
        }

        if (!closed) throw new FormatException($"{where}: the closing boundary '{delimiter}--' is missing");
        return parts;

        // The CRLF before a delimiter belongs to the delimiter.
        static string Trimmed(StringBuilder sb) => sb.Length >= 2 ? sb.ToString(0, sb.Length - 2) : sb.ToString();
    }

    internal static (string MediaType, Dictionary<string, string> Parameters) ContentType(string? value)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(value)) return ("text/plain", parameters);
        var pieces = SplitParameters(value);
        var mediaType = pieces[0].Trim().ToLowerInvariant();
        if (!MediaTypeShape().IsMatch(mediaType)) throw new FormatException($"'{value}' is not a media type");
        foreach (var piece in pieces.Skip(1))
        {
            var eq = piece.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{piece}' is not a parameter");
            var name = piece[..eq].Trim();
            var v = piece[(eq + 1)..].Trim();
            if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') v = v[1..^1].Replace("\\\"", "\"");
            parameters[name] = DecodeWords(v);
        }

        return (mediaType, parameters);
    }

    private static List<string> SplitParameters(string value)
    {
        var list = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in value)
        {
            if (c == '"') quoted = !quoted;
            if (c == ';' && !quoted)
            {
                list.Add(sb.ToString());
                sb.Clear();
                continue;
            }

            sb.Append(c);
        }

        if (quoted) throw new FormatException($"an unclosed quote in '{value}'");
        list.Add(sb.ToString());
        return list.Where(p => p.Trim().Length > 0).ToList();
    }

    /// <summary>RFC 2047: =?charset?B|Q?text?= words, with the space between two encoded words dropped.</summary>
    public static string DecodeWords(string value)
    {
        var joined = Regex.Replace(value, @"(\?=)\s+(=\?)", "$1$2");
        return EncodedWord().Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var payload = m.Groups[3].Value;
            var bytes = m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(payload)
                : QuotedPrintable(payload.Replace('_', ' '), "encoded word");
            return charset.GetString(bytes);
        });
    }

    private static byte[] Base64(string body, string where)
    {
        var compact = new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray());
        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{where}: the base64 body does not decode: {ex.Message}");
        }
    }

    private static byte[] QuotedPrintable(string body, string where)
    {
        var output = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '=')
            {
                output.Add((byte)c);
                continue;
            }

            if (i + 2 < body.Length && body[i + 1] == '\r' && body[i + 2] == '\n')
            {
                i += 2; // soft line break
                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == '\n')
            {
                i += 1;
                continue;
            }

            if (i == body.Length - 1) break; // a soft break at the very end
            if (i + 2 >= body.Length || !Uri.IsHexDigit(body[i + 1]) || !Uri.IsHexDigit(body[i + 2]))
                throw new FormatException($"{where}: '{body.Substring(i, Math.Min(3, body.Length - i))}' is not a quoted-printable escape");
            output.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
            i += 2;
        }

        return output.ToArray();
    }

    [GeneratedRegex(@"=\?([A-Za-z0-9_\-]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"^[a-z0-9!#$&^_.+\-]+/[a-z0-9!#$&^_.+\-]+$")]
    private static partial Regex MediaTypeShape();
}

/// <summary>One MIME entity: a message or a part. Leaves have a decoded body; multiparts have parts.</summary>
public sealed class MimeEntity(
    IReadOnlyList<KeyValuePair<string, string>> headers,
    string mediaType,
    IReadOnlyDictionary<string, string> parameters,
    byte[] body,
    IReadOnlyList<MimeEntity> parts)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;
    public string MediaType { get; } = mediaType;
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;
    public byte[] Body { get; } = body;
    public IReadOnlyList<MimeEntity> Parts { get; } = parts;

    /// <summary>A header's value with encoded words decoded; null when absent.</summary>
    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => MimeMessageReader.DecodeWords(h.Value)).FirstOrDefault();

    public string Text => Encoding.GetEncoding(Parameters.GetValueOrDefault("charset") ?? "us-ascii").GetString(Body);

    public bool IsAttachment => Header("Content-Disposition")?.TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true;

    public string? FileName
    {
        get
        {
            var disposition = Header("Content-Disposition");
            if (disposition is not null && MimeMessageReader.ContentType("x/x;" + disposition.Split(';', 2).ElementAtOrDefault(1)).Parameters.TryGetValue("filename", out var f)) return f;
            return Parameters.GetValueOrDefault("name");
        }
    }

    /// <summary>This entity and every part below it, depth first.</summary>
    public IEnumerable<MimeEntity> All() => Parts.SelectMany(p => p.All()).Prepend(this);

    public MimeEntity Single(string mediaType) => All().Single(e => e.MediaType == mediaType && !e.IsAttachment);
}
