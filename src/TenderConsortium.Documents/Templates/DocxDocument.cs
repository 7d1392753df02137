using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TenderConsortium.Documents.OpenXml;
using System.Text;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// One document being filled from a <see cref="DocxTemplate"/>, in memory. Filling may happen in phases (the bid pack
/// fills its checks appendix last, once the rest has been counted); <see cref="Save"/> writes the package with fixed
/// properties and rewrites the zip so the same content always gives the same bytes.
/// </summary>
public sealed class DocxDocument : IDisposable
{
    private readonly byte[] _template;
    private readonly WordprocessingDocument _document;
    private bool _saved;

    internal DocxDocument(byte[] template)
    {
        // Read-only: the tree is changed in memory and written by PackageRewriter, never saved through the package.
        _template = template;
        _document = WordprocessingDocument.Open(new MemoryStream(template, writable: false), false);
    }

    public Body Body => _document.MainDocumentPart!.Document.Body!;

    /// <summary>Replaces every placeholder with the model's values, except those <paramref name="defer"/> keeps for later.</summary>
    public void Fill(object model, Func<TemplateTag, bool>? defer = null)
    {
        var scope = TemplateScope<object?>.Root(model);
        foreach (var root in DocxTemplate.Roots(_document.MainDocumentPart!).ToList())
        {
            FillChildren(root, scope, defer);
            Repair(root);
        }
    }

    /// <summary>The document's text, paragraph by paragraph, for checks that read what was written.</summary>
    public string Text() => string.Join('\n', Body.Descendants<Paragraph>().Select(p => p.InnerText));

    public byte[] Save(DateTimeOffset stamp, string title, string author)
    {
        if (_saved) throw new InvalidOperationException("a document is saved once");
        _saved = true;
        var main = _document.MainDocumentPart!;
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [PackageRewriter.EntryName(main.Uri)] = PackageRewriter.Xml(main.Document),
        };
        foreach (var header in main.HeaderParts.Where(h => h.Header is not null)) parts[PackageRewriter.EntryName(header.Uri)] = PackageRewriter.Xml(header.Header);
        foreach (var footer in main.FooterParts.Where(f => f.Footer is not null)) parts[PackageRewriter.EntryName(footer.Uri)] = PackageRewriter.Xml(footer.Footer);
        parts[PackageRewriter.EntryName(_document.CoreFilePropertiesPart!.Uri)] = CoreProperties.Xml(title, author, stamp);
        return PackageRewriter.Write(_template, parts, stamp);
    }

    public void Dispose() => _document.Dispose();

    private static void FillChildren(OpenXmlElement parent, TemplateScope<object?> scope, Func<TemplateTag, bool>? defer)
    {
        var child = parent.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling();
            FillNode(child, scope, defer);
            child = next;
        }
    }

    private static void FillNode(OpenXmlElement node, TemplateScope<object?> scope, Func<TemplateTag, bool>? defer)
    {
        if (node is SdtElement sdt) FillControl(sdt, scope, defer);
        else if (node.HasChildren) FillChildren(node, scope, defer);
    }

    private static void FillControl(SdtElement sdt, TemplateScope<object?> scope, Func<TemplateTag, bool>? defer)
    {
        var content = DocxTemplate.ContentOf(sdt);
        var tag = TemplateTag.Parse(DocxTemplate.TagOf(sdt));
        if (tag is null)
        {
            // Someone's own content control (a date picker, a table of contents): kept, with placeholders inside filled.
            if (content is not null) FillChildren(content, scope, defer);
            return;
        }

        if (defer?.Invoke(tag) == true) return;
        var value = Resolve(scope, tag.Path);
        if (tag.IsRepeat)
        {
            if (content is not null)
                foreach (var item in ModelPath.Items(value))
                {
                    var inner = scope.With(tag.Variable!, item);
                    foreach (var part in content.ChildElements)
                    {
                        var copy = part.CloneNode(true);
                        sdt.InsertBeforeSelf(copy);
                        FillNode(copy, inner, defer);
                    }
                }

            sdt.Remove();
            return;
        }

        var text = SafeText.Clean(ModelPath.Text(value));
        var runProperties = content?.Descendants<RunProperties>().FirstOrDefault() ?? sdt.SdtProperties?.GetFirstChild<RunProperties>();
        switch (sdt)
        {
            case SdtRun:
                if (text.Length > 0) sdt.InsertBeforeSelf(WordText.Run(text, runProperties));
                break;
            case SdtCell:
                var cell = (TableCell?)content?.GetFirstChild<TableCell>()?.CloneNode(true) ?? new TableCell();
                var cellParagraph = cell.GetFirstChild<Paragraph>()?.ParagraphProperties;
                cell.RemoveAllChildren<Paragraph>();
                cell.Append(WordText.Paragraphs(text, cellParagraph, runProperties));
                sdt.InsertBeforeSelf(cell);
                break;
            default:
                var paragraphProperties = content?.Descendants<ParagraphProperties>().FirstOrDefault();
                foreach (var paragraph in WordText.Paragraphs(text, paragraphProperties, runProperties)) sdt.InsertBeforeSelf(paragraph);
                break;
        }

        sdt.Remove();
    }

    private static object? Resolve(TemplateScope<object?> scope, IReadOnlyList<string> path)
    {
        var (value, isVariable) = scope.Find(path[0]);
        for (var i = isVariable ? 1 : 0; i < path.Count && value is not null; i++) value = ModelPath.Get(value, path[i]);
        return value;
    }

    // A repeat over nothing can leave a cell without a paragraph or a table without rows, which Word refuses to open.
    private static void Repair(OpenXmlElement root)
    {
        foreach (var cell in root.Descendants<TableCell>().Where(c => !c.Elements<Paragraph>().Any() && !c.Elements<Table>().Any()).ToList())
            cell.Append(new Paragraph());
        foreach (var table in root.Descendants<Table>().Where(t => !t.Elements<TableRow>().Any()).ToList())
        {
            var columns = Math.Max(1, table.GetFirstChild<TableGrid>()?.Elements<GridColumn>().Count() ?? 1);
            table.Append(new TableRow(Enumerable.Range(0, columns).Select(_ => new TableCell(new Paragraph()))));
        }
    }
}
