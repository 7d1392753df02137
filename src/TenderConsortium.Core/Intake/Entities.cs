using System.Net;
using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Publishers' exports sometimes carry HTML character references inside JSON text ("Children&apos;s services",
/// "Health &amp; Social Care"). They are decoded once on reading, so people see the character, not the code.
/// </summary>
public static partial class Entities
{
    public static string Decode(string text)
    {
        if (!text.Contains('&') || !Reference().IsMatch(text)) return text;
        var decoded = WebUtility.HtmlDecode(text);
        // A reference to a control character or half a surrogate pair ("&#xD800;") is not text: keep it as written.
        return IsText(decoded) ? decoded : text;
    }

    private static bool IsText(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))) return false;
        }

        return true;
    }

    [GeneratedRegex(@"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
