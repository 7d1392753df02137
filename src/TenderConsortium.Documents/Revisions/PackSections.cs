using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TenderConsortium.Documents.Revisions;

/// <summary>
/// Reads a bid pack document back into its sections: a new section at every top-level heading (Heading 1), text before
/// the first one as the title block, a table as one line per row. What the adviser compares between versions is what
/// a reader of the document sees, not its bytes.
/// </summary>
public static class PackSections
{
    public const string TitleBlock = "Title block";

    public static IReadOnlyList<PackSection> Read(string docxPath)
    {
        using var stream = File.OpenRead(docxPath);
        return Read(stream);
    }

    public static IReadOnlyList<PackSection> Read(Stream docx)
    {
        using var document = WordprocessingDocument.Open(docx, false);
        var body = document.MainDocumentPart?.Document?.Body;
        var sections = new List<(string Heading, List<string> Lines)> { (TitleBlock, []) };
        if (body is null) return [];
        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case Paragraph p when IsHeading1(p):
                    sections.Add((Unique(p.InnerText.Trim(), sections), []));
                    break;
                case Paragraph p:
                    if (p.InnerText.Trim() is { Length: > 0 } text) sections[^1].Lines.Add(text);
                    break;
                case Table t:
                    foreach (var row in t.Elements<TableRow>())
                        sections[^1].Lines.Add(string.Join(" | ", row.Elements<TableCell>().Select(c => string.Join(" ", c.Descendants<Paragraph>().Select(x => x.InnerText.Trim()).Where(x => x.Length > 0)))));
                    break;
            }
        }

        return sections.Where(s => s.Heading != TitleBlock || s.Lines.Count > 0).Select(s => new PackSection(s.Heading, s.Lines)).ToList();
    }

    private static bool IsHeading1(OpenXmlElement paragraph) =>
        paragraph is Paragraph { ParagraphProperties.ParagraphStyleId.Val.Value: "Heading1" };

    /// <summary>Two sections with one heading stay apart ("Lot 1", "Lot 1 (2)"), so neither hides the other's changes.</summary>
    private static string Unique(string heading, List<(string Heading, List<string> Lines)> sections)
    {
        var name = heading.Length == 0 ? "Untitled section" : heading;
        var candidate = name;
        for (var i = 2; sections.Any(s => s.Heading == candidate); i++) candidate = $"{name} ({i})";
        return candidate;
    }
}
