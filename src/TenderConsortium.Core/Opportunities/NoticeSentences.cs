namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Finds the sentence around a match in a notice's text so an inferred fact can quote what it came from. Sentences
/// end at ". ", line breaks and bullets; a run-on sentence (real PCS captures lose their line breaks) is cut to a
/// window around the match.
/// </summary>
public static class NoticeSentences
{
    private const int Window = 180;

    public static string Around(string text, int index, int length)
    {
        var start = index;
        while (start > 0 && !EndsSentence(text, start - 1)) start--;
        var end = index + length;
        while (end < text.Length && !EndsSentence(text, end)) end++;
        if (end < text.Length && text[end] == '.') end++;
        var prefix = "";
        var suffix = "";
        if (index - start > Window)
        {
            start = WordStart(text, index - Window);
            prefix = "…";
        }

        if (end - (index + length) > Window)
        {
            end = WordEnd(text, index + length + Window);
            suffix = "…";
        }

        return prefix + text[start..end].Trim() + suffix;
    }

    private static bool EndsSentence(string text, int i)
    {
        var c = text[i];
        if (c is '\n' or '\r' or '*' or '•') return true;
        return c == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || char.IsUpper(text[i + 1]));
    }

    private static int WordStart(string text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
        return Math.Min(i, text.Length);
    }

    private static int WordEnd(string text, int i)
    {
        i = Math.Min(i, text.Length);
        while (i > 0 && i < text.Length && !char.IsWhiteSpace(text[i])) i--;
        return i;
    }
}
