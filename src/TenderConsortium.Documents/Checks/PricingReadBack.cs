using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.Pricing;

namespace TenderConsortium.Documents.Checks;

/// <summary>
/// Reads a generated pricing spreadsheet back and redoes its arithmetic from the cells themselves (volumes, prices and
/// the fee rate as written), so the check compares what a buyer would see, not what we meant to write.
/// </summary>
public sealed record PricingReadBack(int Lines, decimal Recomputed, decimal? GrandTotalCell, IReadOnlyList<string> Mismatches)
{
    public static PricingReadBack Read(byte[] workbookBytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbookBytes, writable: false), false);
        var workbook = document.WorkbookPart!;
        var mismatches = new List<string>();
        var lines = 0;
        decimal recomputed = 0, lotSubtotal = 0;
        decimal? grand = null;
        foreach (var (_, part) in XlsxTemplate.Sheets(workbook))
        {
            var feeRate = FindFeeRate(part, workbook);
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = row.Elements<Cell>().ToDictionary(c => XlsxTemplate.Column(c.CellReference?.Value));
                var amount = cells.GetValueOrDefault("H");
                var formula = amount?.CellFormula?.Text;
                var key = cells.GetValueOrDefault("E") is { } e ? XlsxTemplate.CellText(e, workbook) : null;
                if (formula?.StartsWith("ROUND(F", StringComparison.Ordinal) == true)
                {
                    lines++;
                    var expected = PricingSchedule.Round(Number(cells.GetValueOrDefault("F")) * Number(cells.GetValueOrDefault("G")));
                    if (Number(amount) != expected) mismatches.Add($"{amount!.CellReference}: {Number(amount)} but volume × price is {expected}");
                    lotSubtotal += expected;
                }
                else if (key == PricingRowKind.Key(PricingRowKind.LotSubtotal))
                {
                    if (Number(amount) != lotSubtotal) mismatches.Add($"{amount?.CellReference}: subtotal {Number(amount)} but its lines add up to {lotSubtotal}");
                }
                else if (key == PricingRowKind.Key(PricingRowKind.LotFee))
                {
                    var fee = PricingSchedule.Round(lotSubtotal * (feeRate ?? 0));
                    if (Number(amount) != fee) mismatches.Add($"{amount?.CellReference}: fee {Number(amount)} but the fee rate gives {fee}");
                    recomputed += lotSubtotal + fee;
                    lotSubtotal = 0;
                }
                else if (key == PricingRowKind.Key(PricingRowKind.GrandTotal))
                {
                    grand = Number(amount);
                }
            }
        }

        if (grand is { } g && g != recomputed) mismatches.Add($"total bid price {g} but the lines and fees add up to {recomputed}");
        return new PricingReadBack(lines, recomputed, grand, mismatches);
    }

    private static decimal? FindFeeRate(WorksheetPart part, WorkbookPart workbook)
    {
        // The fee row's G cell shows the rate by formula; its cached value is the rate the amounts were computed with,
        // and the rate cell it points to must say the same.
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToDictionary(c => XlsxTemplate.Column(c.CellReference?.Value));
            if (cells.GetValueOrDefault("E") is { } e && XlsxTemplate.CellText(e, workbook) == PricingRowKind.Key(PricingRowKind.LotFee))
                return Number(cells.GetValueOrDefault("G"));
        }

        return null;
    }

    private static decimal Number(Cell? cell) =>
        cell?.CellValue?.Text is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
