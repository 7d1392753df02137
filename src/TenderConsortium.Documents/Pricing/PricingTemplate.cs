using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Pricing;

/// <summary>
/// The shipped templates/pricing.xlsx: title lines with placeholders, the fee rate in its own cell (the fee formulas
/// refer to it, so changing it in Excel recalculates every fee), the column headings, one styled marker row per kind
/// of generated row, and a note. Texts are shared strings, as Excel writes them, so a lead's re-saved copy reads the same.
/// </summary>
public static class PricingTemplate
{
    public const string FileName = "pricing.xlsx";

    public static IReadOnlyList<string> Required { get; } = ["consortium.name", "opportunity.title", "pricing.feeRate"];

    // Cell formats (indexes into cellXfs below).
    private const uint Title = 1, Heading = 2, TextCell = 3, Whole = 4, Money = 5, Rate = 6, BoldText = 7, BoldMoney = 8, GrandMoney = 9, Note = 10, RateBordered = 11, Subtitle = 12;

    public static byte[] Create()
    {
        var strings = new SharedStrings();
        Cell Text(string reference, string text, uint style) => strings.Cell(reference, text, style);

        Cell Empty(string reference, uint style) => new() { CellReference = reference, StyleIndex = style };

        Row Marker(uint r, string kind, params uint[] styles)
        {
            var row = new Row { RowIndex = r };
            row.Append(Text("A" + r, "{{#" + kind + "}}", styles[0]));
            for (var c = 1; c < 8; c++) row.Append(Empty((char)('A' + c) + r.ToString(System.Globalization.CultureInfo.InvariantCulture), styles[c]));
            return row;
        }

        var rows = new List<Row>
        {
            new(Text("A1", "{{consortium.name}}", Title)) { RowIndex = 1, CustomHeight = true, Height = 24 },
            new(Text("A2", "Pricing schedule: {{opportunity.title}}", Subtitle)) { RowIndex = 2 },
            new(Text("A3", "Buyer: {{opportunity.buyer}} · reference {{opportunity.reference}} · prices in {{pricing.currency}}, excluding VAT · {{pricing.date}}", 0)) { RowIndex = 3 },
            new(Text("A4", "Lead's management fee, added to members' prices and shown openly (change it here to recalculate every fee):", 0), Text("G4", "{{pricing.feeRate}}", Rate)) { RowIndex = 4 },
            new(new[] { "Lot", "Lot title", "Member", "Registration", "Unit", "Volume", "Unit price", "Amount" }
                .Select((h, i) => Text((char)('A' + i) + "6", h, Heading))) { RowIndex = 6 },
            Marker(7, PricingRowKind.Line, TextCell, TextCell, TextCell, TextCell, TextCell, Whole, Money, Money),
            Marker(8, PricingRowKind.LotSubtotal, TextCell, TextCell, TextCell, TextCell, TextCell, TextCell, TextCell, Money),
            Marker(9, PricingRowKind.LotFee, TextCell, TextCell, TextCell, TextCell, TextCell, TextCell, RateBordered, Money),
            Marker(10, PricingRowKind.LotTotal, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldMoney),
            Marker(11, PricingRowKind.GrandSubtotal, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldMoney),
            Marker(12, PricingRowKind.GrandFee, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldMoney),
            Marker(13, PricingRowKind.GrandTotal, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, BoldText, GrandMoney),
            new(Text("A15", "{{pricing.note}}", Note)) { RowIndex = 15 },
        };

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            var sheet = workbook.AddNewPart<WorksheetPart>("rId1");
            sheet.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 6, TopLeftCell = "A7", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new SheetFormatProperties { DefaultRowHeight = 15 },
                new Columns(new[] { 8.0, 34, 34, 14, 14, 12, 12, 16 }.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                new SheetData(rows),
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
            sheet.Worksheet.InsertBefore(new SheetProperties(new PageSetupProperties { FitToPage = true }), sheet.Worksheet.GetFirstChild<SheetViews>());
            workbook.AddNewPart<WorkbookStylesPart>("rId2").Stylesheet = Styles();
            workbook.AddNewPart<SharedStringTablePart>("rId3").SharedStringTable =
                strings.Table();
            workbook.Workbook = new Workbook(
                new Sheets(new Sheet { Name = "Pricing", SheetId = 1, Id = "rId1" }),
                new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
            var core = document.AddNewPart<CoreFilePropertiesPart>("rId2");
            using (var writer = new StreamWriter(core.GetStream(FileMode.Create)))
                writer.Write(CoreProperties.Xml("Pricing schedule template"));
        }

        return DeterministicPackage.Normalise(stream.ToArray(), CoreProperties.TemplateDate);
    }

    private static Stylesheet Styles()
    {
        static Border Thin() => SharedStrings.ThinBorder();

        CellFormat Xf(uint font, uint fill, uint border, uint format, bool wrap = false)
        {
            var xf = new CellFormat { FontId = font, FillId = fill, BorderId = border, NumberFormatId = format, FormatId = 0 };
            if (font != 0) xf.ApplyFont = true;
            if (fill != 0) xf.ApplyFill = true;
            if (border != 0) xf.ApplyBorder = true;
            if (format != 0) xf.ApplyNumberFormat = true;
            xf.Append(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = wrap });
            xf.ApplyAlignment = true;
            return xf;
        }

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new Color { Rgb = "FF1F3864" }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
                new Font(new Italic(), new FontSize { Val = 9 }, new Color { Rgb = "FF595959" }, new FontName { Val = "Arial" })) { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0, FormatId = 0 },
                Xf(1, 0, 0, 0),
                Xf(2, 2, 1, 0, wrap: true),
                Xf(0, 0, 1, 0, wrap: true),
                Xf(0, 0, 1, 3),
                Xf(0, 0, 1, 4),
                Xf(2, 0, 0, 164),
                Xf(2, 0, 1, 0, wrap: true),
                Xf(2, 0, 1, 4),
                Xf(2, 2, 1, 4),
                Xf(3, 0, 0, 0),
                Xf(0, 0, 1, 164),
                Xf(2, 0, 0, 0)) { Count = 13 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
