using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TenderConsortium.Documents.OpenXml;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// Writes the shipped Word templates: named styles a lead can restyle in Word (Title, Heading 1–2, Normal, Small, the
/// "Consortium Table" table style), content controls tagged with placeholders, fixed-layout tables so long text
/// wraps inside its column, A4 pages with a footer. Part ids and content-control ids are fixed, so the tool writes the
/// same bytes every time.
/// </summary>
public sealed class WordTemplateBuilder
{
    private readonly List<OpenXmlElement> _body = [];
    private int _nextId = 1;

    public WordTemplateBuilder Title(string text) => Add(Para("Title", Plain(text)));

    public WordTemplateBuilder Heading(int level, params OpenXmlElement[] content) => Add(Para("Heading" + level, content));

    public WordTemplateBuilder Heading(int level, string text) => Heading(level, Plain(text));

    public WordTemplateBuilder Paragraph(params OpenXmlElement[] content) => Add(Para(null, content));

    public WordTemplateBuilder Paragraph(string text) => Paragraph(Plain(text));

    public WordTemplateBuilder Small(params OpenXmlElement[] content) => Add(Para("Small", content));

    /// <summary>A block placeholder: a paragraph whose text (line ends become paragraphs) replaces it.</summary>
    public WordTemplateBuilder Block(string tag, string? style = null) => Add(BlockControl(tag, style));

    /// <summary>A repeat over block content: headings, paragraphs and tables, once per item.</summary>
    public WordTemplateBuilder Repeat(string tag, Action<WordTemplateBuilder> content)
    {
        var inner = new WordTemplateBuilder { _nextId = _nextId + 1 };
        content(inner);
        var id = _nextId;
        _nextId = inner._nextId;
        return Add(new SdtBlock(Properties(tag, id), new SdtContentBlock(inner._body.Select(e => e.CloneNode(true)))));
    }

    /// <summary>
    /// A table with a header row and one row repeated per item of <paramref name="repeat"/> (or, when null, a fixed
    /// second row). Widths are in twentieths of a point; the page's text width is 9638.
    /// </summary>
    public WordTemplateBuilder Table(IReadOnlyList<(string Header, int Width)> columns, string? repeat, params OpenXmlElement[][] cells)
    {
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "ConsortiumTable" },
                new TableWidth { Width = columns.Sum(c => c.Width).ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "04A0" }),
            new TableGrid(columns.Select(c => new GridColumn { Width = c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(columns.Select(c => Cell(c.Width, Para("TableHeading", Plain(c.Header)))));
        table.Append(header);
        var row = new TableRow(cells.Select((content, i) => Cell(columns[i].Width, Para(null, content))));
        table.Append(repeat is null ? row : new SdtRow(Properties(repeat, _nextId++), new SdtContentRow(row)));
        Add(table);
        // Word needs a paragraph between two tables, or it merges them.
        return Add(Para("Small", Plain("")));
    }

    /// <summary>An inline placeholder; its own text shows the tag so the template reads well in Word.</summary>
    public OpenXmlElement Field(string tag, bool bold = false)
    {
        var run = new Run(new Text($"[{tag}]") { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.PrependChild(new RunProperties(new Bold()));
        return new SdtRun(Properties(tag, _nextId++), new SdtContentRun(run));
    }

    public static OpenXmlElement Plain(string text, bool bold = false)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.PrependChild(new RunProperties(new Bold()));
        return run;
    }

    public byte[] Build(string title, string? footerTag)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            main.AddNewPart<StyleDefinitionsPart>("rId1").Styles = WordStyles.Create();
            main.AddNewPart<DocumentSettingsPart>("rId2").Settings = new Settings(
                new DefaultTabStop { Val = 720 },
                new Compatibility(new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));
            var sectionProperties = new SectionProperties();
            if (footerTag is not null)
            {
                var footer = main.AddNewPart<FooterPart>("rId3");
                footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Small" }),
                    Field(footerTag), Plain(" · page "),
                    new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " }));
                sectionProperties.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = "rId3" });
            }

            sectionProperties.Append(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 });
            main.Document = new Document(new Body(_body.Select(e => e.CloneNode(true)).Append(sectionProperties)));
            var core = document.AddNewPart<CoreFilePropertiesPart>("rId2");
            using (var writer = new StreamWriter(core.GetStream(FileMode.Create)))
                writer.Write(CoreProperties.Xml(title));
        }

        return DeterministicPackage.Normalise(stream.ToArray(), CoreProperties.TemplateDate);
    }

    private WordTemplateBuilder Add(OpenXmlElement element)
    {
        _body.Add(element);
        return this;
    }

    private SdtBlock BlockControl(string tag, string? style) =>
        new(Properties(tag, _nextId++), new SdtContentBlock(Para(style, new Run(new Text($"[{tag}]")))));

    private static SdtProperties Properties(string tag, int id) =>
        new(new SdtAlias { Val = tag }, new Tag { Val = tag }, new SdtId { Val = id });

    private static Paragraph Para(string? style, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        paragraph.Append(content.Select(c => c.CloneNode(true)));
        return paragraph;
    }

    private static TableCell Cell(int width, Paragraph paragraph) =>
        new(new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }), paragraph);
}
