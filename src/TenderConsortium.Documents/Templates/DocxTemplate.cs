using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TenderConsortium.Core.Common;
using TenderConsortium.Documents.OpenXml;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// A Word template whose placeholders are content controls tagged with a path ("opportunity.title") or a repeat
/// ("each lot in lots"). Loading checks every tag against the model type and that the required ones are present, so
/// a template with an unknown or missing placeholder is refused with a message naming it, before any pack is built.
/// </summary>
public sealed class DocxTemplate
{
    private readonly byte[] _bytes;

    private DocxTemplate(string name, byte[] bytes, Type modelType)
    {
        Name = name;
        _bytes = bytes;
        ModelType = modelType;
    }

    public string Name { get; }

    public Type ModelType { get; }

    public static DocxTemplate Load(string path, Type modelType, IReadOnlyList<string> required)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new BadInputException($"{name}: template not found at {path}");
        return FromBytes(name, File.ReadAllBytes(path), modelType, required);
    }

    public static DocxTemplate FromBytes(string name, byte[] bytes, Type modelType, IReadOnlyList<string> required)
    {
        var problems = new List<string>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false);
            var main = document.MainDocumentPart;
            if (main?.Document?.Body is null) problems.Add("not a Word document with a body");
            else if (document.CoreFilePropertiesPart is null) problems.Add("no document properties part (docProps/core.xml); save the template from Word to add one");
            else
                foreach (var root in Roots(main))
                    Check(root, TemplateScope<Type>.Root(modelType), found, problems);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FormatException)
        {
            problems.Add($"not a readable .docx file ({ex.Message})");
        }

        if (problems.Count == 0)
            problems.AddRange(required.Where(r => !found.Contains(r)).Select(r => $"missing placeholder '{r}'"));
        if (problems.Count > 0) throw new BadInputException(problems.Select(p => $"{name}: {p}").ToList());
        return new DocxTemplate(name, bytes, modelType);
    }

    /// <summary>A fresh, editable copy of the template to fill.</summary>
    public DocxDocument Open() => new(_bytes);

    internal static IEnumerable<OpenXmlElement> Roots(MainDocumentPart main)
    {
        yield return main.Document.Body!;
        foreach (var header in main.HeaderParts.OrderBy(p => p.Uri.OriginalString, StringComparer.Ordinal))
            if (header.Header is not null) yield return header.Header;
        foreach (var footer in main.FooterParts.OrderBy(p => p.Uri.OriginalString, StringComparer.Ordinal))
            if (footer.Footer is not null) yield return footer.Footer;
    }

    internal static string? TagOf(SdtElement sdt) => sdt.SdtProperties?.GetFirstChild<Tag>()?.Val?.Value;

    internal static OpenXmlElement? ContentOf(SdtElement sdt) => sdt switch
    {
        SdtBlock b => b.SdtContentBlock,
        SdtRun r => r.SdtContentRun,
        SdtRow w => w.SdtContentRow,
        SdtCell c => c.SdtContentCell,
        _ => sdt.ChildElements.FirstOrDefault(e => e.LocalName == "sdtContent"),
    };

    private static void Check(OpenXmlElement parent, TemplateScope<Type> scope, HashSet<string> found, List<string> problems)
    {
        foreach (var child in parent.ChildElements)
        {
            if (child is not SdtElement sdt)
            {
                if (child.HasChildren) Check(child, scope, found, problems);
                continue;
            }

            var content = ContentOf(sdt);
            var text = TagOf(sdt);
            if (text is null)
            {
                if (content is not null) Check(content, scope, found, problems);
                continue;
            }

            var tag = TemplateTag.Parse(text);
            if (tag is null)
            {
                problems.Add($"unknown placeholder '{SafeText.Cap(text, 80)}' (expected a path such as 'opportunity.title' or a repeat such as 'each lot in lots')");
                continue;
            }

            found.Add(tag.Text);
            var type = TypeOf(scope, tag.Path);
            if (tag.IsRepeat)
            {
                var item = type is null ? null : ModelPath.ItemType(type);
                if (item is null)
                {
                    problems.Add($"unknown placeholder '{tag}': '{string.Join('.', tag.Path)}' is not a list");
                    continue;
                }

                if (content is not null) Check(content, scope.With(tag.Variable!, item), found, problems);
            }
            else if (type is null || !ModelPath.IsScalar(type))
            {
                problems.Add($"unknown placeholder '{tag}'");
            }
            else if (sdt is SdtRow)
            {
                problems.Add($"placeholder '{tag}' is on a table row; a row can only be repeated ('each … in …')");
            }
        }
    }

    private static Type? TypeOf(TemplateScope<Type> scope, IReadOnlyList<string> path)
    {
        var (type, isVariable) = scope.Find(path[0]);
        for (var i = isVariable ? 1 : 0; i < path.Count; i++)
        {
            var property = ModelPath.Property(type, path[i]);
            if (property is null) return null;
            type = property.PropertyType;
        }

        return type;
    }
}
