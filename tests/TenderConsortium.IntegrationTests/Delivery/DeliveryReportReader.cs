using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TenderConsortium.IntegrationTests.Delivery;

/// <summary>Reads a period report workbook back as a reader's spreadsheet would: each sheet's rows below the header, as text or numbers.</summary>
internal static class DeliveryReportReader
{
    /// <summary>The data rows of a sheet (after the header row 4), each as its cells' values: a number as decimal, text as string.</summary>
    public static List<object?[]> Rows(string xlsx, string sheet)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var workbook = document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var part = (WorksheetPart)workbook.GetPartById(id);
        return part.Worksheet.Descendants<Row>().Where(r => r.RowIndex!.Value > 4)
            .Select(r => r.Elements<Cell>().Select(Value).ToArray()).ToList();
    }

    private static object? Value(Cell cell) => cell.DataType?.Value switch
    {
        var t when t == CellValues.InlineString => cell.InlineString?.InnerText,
        var t when t == CellValues.SharedString => throw new InvalidOperationException("the report writes text inline"),
        _ => cell.CellValue is { } v ? decimal.Parse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
    };
}
