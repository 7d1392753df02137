using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Puts back line breaks that a publishing portal turned into the letters "rn": some notices on Public Contracts
/// Scotland and Contracts Finder carry "…exercise.rn The award criteria…" or "…councils.rnrnLuton…" where the buyer
/// typed a new line (the backslashes of "\r\n" were lost on the way to the OCDS file). Read as it is, a member sees
/// stray letters in the middle of the buyer's words.
/// </summary>
/// <remarks>
/// Only where the letters cannot be part of a word: straight after a full stop, colon, semicolon, question or
/// exclamation mark, closing bracket or per cent sign, and before a space, a capital or the end ("rnrn" is a blank
/// line). "modern", "return" or "patternrn" are left alone, being ambiguous; so is text without a space (codes, links).
/// </remarks>
public static partial class LostLineBreaks
{
    public static string Restore(string text)
    {
        if (!text.Contains("rn", StringComparison.Ordinal) || !text.Contains(' ', StringComparison.Ordinal)) return text;
        return AfterPunctuation().Replace(text, m => m.Length == 2 ? "\n" : "\n\n");
    }

    [GeneratedRegex(@"(?<=[.:;!?)%])(?:rn){1,2}(?=[ \t]|[A-Z(]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterPunctuation();
}
