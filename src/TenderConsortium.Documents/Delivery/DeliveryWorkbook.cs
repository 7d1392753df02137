using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Core.Common;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Pricing;

namespace TenderConsortium.Documents.Delivery;

/// <summary>
/// Fills the delivery workbook template: "{{report.*}}" in text cells, and each sheet's marker row replaced by the
/// rows given for it (numbers as numbers, so a reader can sum a column; text as text), each cell styled like the
/// marker row's cell in its column.
/// </summary>
public static class DeliveryWorkbook
{
    public static byte[] Render(byte[] template, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, IReadOnlyList<object?[]>> rows, DateTimeOffset stamp,
        string title)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var markers = 0;
            foreach (var (_, part) in XlsxTemplate.Sheets(workbook).ToList())
            {
                var data = part.Worksheet.GetFirstChild<SheetData>();
                if (data is null) continue;
                foreach (var row in data.Elements<Row>().ToList())
                foreach (var cell in row.Elements<Cell>().ToList())
                {
                    var text = XlsxTemplate.CellText(cell, workbook);
                    if (text is null || !text.Contains("{{", StringComparison.Ordinal)) continue;
                    var marker = XlsxTemplate.Token().Match(text);
                    if (marker.Success && marker.Groups[1].Value.Trim().StartsWith('#') && rows.TryGetValue(marker.Groups[1].Value.Trim()[1..], out var lines))
                    {
                        markers++;
                        Expand(data, row, lines);
                        break;
                    }

                    Set(cell, XlsxTemplate.Token().Replace(text, m => fields.TryGetValue(m.Groups[1].Value.Trim(), out var v)
                        ? v
                        : throw new BadInputException($"{DeliveryWorkbookTemplate.FileName}: unknown placeholder '{m.Value}'")));
                }

                part.Worksheet.Save();
            }

            if (markers != rows.Count)
                throw new BadInputException($"{DeliveryWorkbookTemplate.FileName}: every sheet needs its row marker ({string.Join(", ", rows.Keys.Select(k => "{{#" + k + "}}"))})");
            var properties = document.PackageProperties;
            properties.Title = SafeText.Cap(SafeText.Clean(title), 250);
            properties.Created = stamp.UtcDateTime;
            properties.Modified = stamp.UtcDateTime;
        }

        return DeterministicPackage.Normalise(stream.ToArray(), stamp);
    }

    private static void Expand(SheetData data, Row marker, IReadOnlyList<object?[]> lines)
    {
        if (lines.Count == 0) lines = [["none this period"]];
        var start = marker.RowIndex!.Value;
        var styles = marker.Elements<Cell>().Select(c => c.StyleIndex?.Value ?? 0u).ToList();
        var shift = (uint)lines.Count - 1;
        // Rows below the marker move down to make room.
        foreach (var below in data.Elements<Row>().Where(r => r.RowIndex!.Value > start).ToList())
        {
            below.RowIndex = below.RowIndex!.Value + shift;
            foreach (var c in below.Elements<Cell>()) c.CellReference = XlsxTemplate.Column(c.CellReference?.Value) + below.RowIndex.Value.ToString(CultureInfo.InvariantCulture);
        }

        DocumentFormat.OpenXml.OpenXmlElement previous = marker;
        for (var i = 0; i < lines.Count; i++)
        {
            var index = start + (uint)i;
            var row = new Row { RowIndex = index };
            for (var c = 0; c < lines[i].Length; c++)
            {
                var cell = new Cell { CellReference = DeliveryWorkbookTemplate.Column(c) + index.ToString(CultureInfo.InvariantCulture), StyleIndex = c < styles.Count ? styles[c] : 0u };
                switch (lines[i][c])
                {
                    case null:
                        break;
                    case decimal or int or long:
                        cell.CellValue = new CellValue(Convert.ToDecimal(lines[i][c], CultureInfo.InvariantCulture));
                        break;
                    default:
                        Set(cell, Convert.ToString(lines[i][c], CultureInfo.InvariantCulture) ?? "");
                        break;
                }

                row.Append(cell);
            }

            previous.InsertAfterSelf(row);
            previous = row;
        }

        marker.Remove();
    }

    private static void Set(Cell cell, string text)
    {
        cell.DataType = CellValues.InlineString;
        cell.CellValue = null;
        cell.RemoveAllChildren<InlineString>();
        cell.Append(new InlineString(new Text(SafeText.Clean(text)) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
    }
}
