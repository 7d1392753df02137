using System.Text;

namespace TenderConsortium.Documents.OpenXml;

/// <summary>
/// Makes any text from a notice or a member safe to put in a document. Text always goes in as text (the SDK escapes
/// &lt; and &amp;), so "&lt;w:p&gt;" or "]]&gt;" stay visible characters; what XML cannot carry at all (control
/// characters, unpaired surrogates, U+FFFE/U+FFFF) is dropped, since one such character makes the whole file unreadable.
/// </summary>
public static class SafeText
{
    /// <summary>Excel refuses a cell holding more characters than this.</summary>
    public const int MaxCellLength = 32_767;

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var firstBad = FirstInvalid(text);
        var hasCr = text.Contains('\r');
        if (firstBad < 0 && !hasCr) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // Windows and old Mac line ends become one '\n', which documents turn into a break or a new paragraph.
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                sb.Append('\n');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsAllowed(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters, ending with "…" when cut, never splitting a surrogate pair.</summary>
    public static string Cap(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsAllowed(c)) return i;
        }

        return -1;
    }

    // XML 1.0 Char production, for single UTF-16 units (paired surrogates are handled by the callers).
    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
