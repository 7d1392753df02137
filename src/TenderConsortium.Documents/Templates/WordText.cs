using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// Turns plain text into Word runs and paragraphs: line ends become breaks (inline) or paragraphs (block), tabs become
/// tabs, and every piece is a w:t text node, never parsed as markup. Formatting is copied from the placeholder, so a
/// lead who styles a placeholder in Word styles what replaces it.
/// </summary>
public static class WordText
{
    public static Run Run(string text, RunProperties? properties)
    {
        var run = new Run();
        if (properties is not null) run.Append(properties.CloneNode(true));
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            AppendTabbed(run, lines[i]);
        }

        return run;
    }

    public static IEnumerable<Paragraph> Paragraphs(string text, ParagraphProperties? paragraph, RunProperties? run)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var emitted = false;
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank = true;
                continue;
            }

            // Consecutive blank lines are one paragraph break: the style's spacing does the rest.
            blank = false;
            emitted = true;
            yield return Paragraph(line, paragraph, run);
        }

        if (!emitted || blank && !emitted) yield return Paragraph("", paragraph, run);
    }

    private static Paragraph Paragraph(string line, ParagraphProperties? paragraph, RunProperties? run)
    {
        var p = new Paragraph();
        if (paragraph is not null) p.Append(paragraph.CloneNode(true));
        if (line.Length > 0) p.Append(Run(line, run));
        return p;
    }

    private static void AppendTabbed(Run run, string line)
    {
        var parts = line.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) run.Append(new TabChar());
            if (parts[i].Length > 0) run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
    }
}
