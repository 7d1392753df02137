using System.Text;

namespace TenderConsortium.Documents.OpenXml;

/// <summary>File and folder names from ids that came from outside: only letters, digits, '.', '-' and '_' survive.</summary>
public static class FileNames
{
    public static string Safe(string? text, string fallback)
    {
        var sb = new StringBuilder();
        foreach (var c in text ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else if (c == '.' && sb.Length > 0) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 80) break;
        }

        var safe = sb.ToString().Trim('-', '.');
        return safe.Length == 0 ? (fallback == text ? "unnamed" : Safe(fallback, "unnamed")) : safe;
    }
}
