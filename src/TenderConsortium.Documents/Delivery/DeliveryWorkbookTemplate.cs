using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Delivery;

/// <summary>
/// The shipped templates/delivery-report.xlsx: sheets "Outputs", "Social value" and "Invoices", each with a title
/// ("{{report.title}}", "{{report.period}}"), a header row, and one marker row ("{{#outputs}}", "{{#social-value}}",
/// "{{#invoices}}", alone in column A) that the report's rows replace, each copying the marker row's cell styles.
/// Restyle it in Excel freely; keep the markers.
/// </summary>
public static class DeliveryWorkbookTemplate
{
    public const string FileName = "delivery-report.xlsx";

    public static readonly IReadOnlyList<(string Sheet, string Marker, string[] Headers, bool[] Numeric)> Sheets =
    [
        ("Outputs", "outputs", ["Member", "Lot", "Unit", "Target this period", "Delivered this period", "Target to date", "Delivered to date"],
            [false, false, false, true, true, true, true]),
        ("Social value", "social-value", ["Member", "Measure", "Unit", "Committed", "Delivered this period", "Delivered to date"], [false, false, false, true, true, true]),
        ("Invoices", "invoices", ["Member", "Invoice", "Amount (£)", "Received", "Due", "Paid on", "Days late", "Interest (£)", "Compensation (£)"],
            [false, false, true, false, false, false, true, true, true]),
    ];

    private const uint Title = 1, Heading = 2, TextCell = 3, Number = 4;

    public static byte[] Create()
    {
        var strings = new SharedStrings();
        Cell Text(string reference, string text, uint style) => strings.Cell(reference, text, style);

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            var sheets = new Sheets();
            for (var s = 0; s < Sheets.Count; s++)
            {
                var (name, marker, headers, numeric) = Sheets[s];
                var id = "rId" + (s + 10);
                var part = workbook.AddNewPart<WorksheetPart>(id);
                var rows = new List<Row>
                {
                    new(Text("A1", name + ": {{report.title}}", Title)) { RowIndex = 1, CustomHeight = true, Height = 22 },
                    new(Text("A2", "{{report.period}} · buyer {{report.buyer}} · figures as at {{report.asOf}}", 0)) { RowIndex = 2 },
                    new(headers.Select((h, i) => Text(Column(i) + "4", h, Heading))) { RowIndex = 4 },
                    new(headers.Select((_, i) => i == 0 ? Text("A5", "{{#" + marker + "}}", TextCell) : new Cell { CellReference = Column(i) + "5", StyleIndex = numeric[i] ? Number : TextCell }))
                        { RowIndex = 5 },
                };
                part.Worksheet = new Worksheet(
                    new SheetFormatProperties { DefaultRowHeight = 15 },
                    new Columns(headers.Select((h, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = i == 0 ? 30 : Math.Max(12, h.Length + 2), CustomWidth = true })),
                    new SheetData(rows));
                sheets.Append(new Sheet { Name = name, SheetId = (uint)s + 1, Id = id });
            }

            workbook.AddNewPart<WorkbookStylesPart>("rId2").Stylesheet = Styles();
            workbook.AddNewPart<SharedStringTablePart>("rId3").SharedStringTable =
                strings.Table();
            workbook.Workbook = new Workbook(sheets);
            var core = document.AddNewPart<CoreFilePropertiesPart>("rId2");
            using (var writer = new StreamWriter(core.GetStream(FileMode.Create)))
                writer.Write(CoreProperties.Xml("Contract delivery report template"));
        }

        return DeterministicPackage.Normalise(stream.ToArray(), CoreProperties.TemplateDate);
    }

    internal static string Column(int index) => ((char)('A' + index)).ToString();

    private static Stylesheet Styles()
    {
        static Border Thin() => SharedStrings.ThinBorder();
        CellFormat Xf(uint font, uint fill, uint border, uint format) =>
            new(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = format == 0 })
            {
                FontId = font, FillId = fill, BorderId = border, NumberFormatId = format, FormatId = 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
                ApplyNumberFormat = format != 0, ApplyAlignment = true,
            };
        return new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new Color { Rgb = "FF1F3864" }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" })) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0, FormatId = 0 },
                Xf(1, 0, 0, 0),
                Xf(2, 2, 1, 0),
                Xf(0, 0, 1, 0),
                Xf(0, 0, 1, 4)) { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
