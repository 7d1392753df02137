using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Core.Common;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Pricing;

/// <summary>
/// The pricing spreadsheet template: text cells with "{{path}}" placeholders (a cell holding only a placeholder for a
/// number becomes a number), and row markers "{{#line}}", "{{#lot-subtotal}}" … in column A that mark where the
/// schedule goes and how each kind of row is styled. Checked on load like the Word templates.
/// </summary>
public sealed partial class XlsxTemplate
{
    private readonly byte[] _bytes;

    private XlsxTemplate(string name, byte[] bytes)
    {
        Name = name;
        _bytes = bytes;
    }

    public string Name { get; }

    internal byte[] Bytes => _bytes;

    public static XlsxTemplate Load(string path, Type modelType, IReadOnlyList<string> requiredFields)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new BadInputException($"{name}: template not found at {path}");
        return FromBytes(name, File.ReadAllBytes(path), modelType, requiredFields);
    }

    public static XlsxTemplate FromBytes(string name, byte[] bytes, Type modelType, IReadOnlyList<string> requiredFields)
    {
        var problems = new List<string>();
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var markers = new List<(string Kind, string Sheet, uint Row)>();
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
            foreach (var (sheetName, part) in Sheets(workbook))
            {
                foreach (var row in part.Worksheet.Descendants<Row>())
                foreach (var cell in row.Elements<Cell>())
                {
                    var text = CellText(cell, workbook);
                    if (text is null || !text.Contains("{{", StringComparison.Ordinal)) continue;
                    foreach (Match match in Token().Matches(text))
                    {
                        var token = match.Groups[1].Value.Trim();
                        if (token.StartsWith('#'))
                        {
                            var kind = token[1..];
                            if (!PricingRowKind.All.Contains(kind)) problems.Add($"unknown placeholder '{{{{{token}}}}}' (row markers: {string.Join(", ", PricingRowKind.All.Select(k => "{{#" + k + "}}"))})");
                            else if (Column(cell.CellReference?.Value) != "A" || text.Trim() != match.Value) problems.Add($"{sheetName}!{cell.CellReference?.Value}: row marker '{{{{{token}}}}}' must be alone in column A");
                            else markers.Add((kind, sheetName, row.RowIndex?.Value ?? 0));
                            continue;
                        }

                        var tag = TemplateTag.Parse(token);
                        if (tag is null || tag.IsRepeat || TypeOf(modelType, tag.Path) is not { } type || !ModelPath.IsScalar(type))
                            problems.Add($"unknown placeholder '{{{{{SafeText.Cap(token, 80)}}}}}' in {sheetName}!{cell.CellReference?.Value}");
                        else fields.Add(tag.Text);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FormatException)
        {
            problems.Add($"not a readable .xlsx file ({ex.Message})");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(requiredFields.Where(f => !fields.Contains(f)).Select(f => $"missing placeholder '{{{{{f}}}}}'"));
            problems.AddRange(PricingRowKind.Required.Where(k => markers.All(m => m.Kind != k)).Select(k => $"missing placeholder '{{{{#{k}}}}}'"));
            foreach (var twice in markers.GroupBy(m => m.Kind).Where(g => g.Count() > 1)) problems.Add($"row marker '{{{{#{twice.Key}}}}}' appears {twice.Count()} times");
            if (markers.Select(m => m.Sheet).Distinct().Count() > 1) problems.Add("row markers must all be on one sheet");
            var rows = markers.Select(m => m.Row).Order().ToList();
            if (rows.Count > 1 && rows[^1] - rows[0] + 1 != rows.Count) problems.Add("row markers must be on consecutive rows");
        }

        if (problems.Count > 0) throw new BadInputException(problems.Select(p => $"{name}: {p}").ToList());
        return new XlsxTemplate(name, bytes);
    }

    internal static IEnumerable<(string Name, WorksheetPart Part)> Sheets(WorkbookPart workbook)
    {
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
                yield return (sheet.Name?.Value ?? id, part);
    }

    internal static string? CellText(Cell cell, WorkbookPart workbook)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index))
            return workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().ElementAtOrDefault(index)?.InnerText;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.String) return cell.CellValue?.Text;
        return null;
    }

    internal static string Column(string? reference) => reference is null ? "" : new string(reference.TakeWhile(char.IsLetter).ToArray());

    private static Type? TypeOf(Type type, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            var property = ModelPath.Property(type, segment);
            if (property is null) return null;
            type = property.PropertyType;
        }

        return type;
    }

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    internal static partial Regex Token();
}
