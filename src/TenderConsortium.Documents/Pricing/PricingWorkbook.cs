using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Core.BidPacks;
using Format = TenderConsortium.Documents.Mapping.Format;
using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.OpenXml;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Pricing;

/// <summary>
/// Writes the pricing schedule into the template: columns A lot, B lot title, C member or row label, D registration,
/// E unit (or the row key the totals select on), F volume, G unit price (the fee rate on fee rows), H amount. Every
/// amount is a formula with its cached value set to the engine's figure, and the workbook asks to be recalculated on
/// load, so Excel and LibreOffice show their own arithmetic, which must agree with ours.
/// </summary>
public static class PricingWorkbook
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static byte[] Render(XlsxTemplate template, PricingDocument model, PricingSchedule schedule, DateTimeOffset stamp, string title, string author)
    {
        using var stream = new MemoryStream(template.Bytes.Length * 4);
        stream.Write(template.Bytes);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            string? feeCell = null;
            foreach (var (sheetName, part) in XlsxTemplate.Sheets(workbook).ToList())
            {
                var sheetData = part.Worksheet.GetFirstChild<SheetData>();
                if (sheetData is null) continue;
                var markers = new Dictionary<string, Row>();
                foreach (var row in sheetData.Elements<Row>())
                foreach (var cell in row.Elements<Cell>().ToList())
                {
                    var text = XlsxTemplate.CellText(cell, workbook);
                    if (text is null || !text.Contains("{{", StringComparison.Ordinal)) continue;
                    var whole = XlsxTemplate.Token().Match(text);
                    if (whole.Success && whole.Value == text.Trim() && whole.Groups[1].Value.Trim().StartsWith('#'))
                    {
                        markers[whole.Groups[1].Value.Trim()[1..]] = row;
                        continue;
                    }

                    if (whole.Success && whole.Value == text.Trim() && Resolve(model, whole.Groups[1].Value.Trim()) is decimal or int or long or double)
                    {
                        var number = Convert.ToDecimal(Resolve(model, whole.Groups[1].Value.Trim()), Invariant);
                        SetNumber(cell, number);
                        if (whole.Groups[1].Value.Trim().Equals("pricing.feeRate", StringComparison.OrdinalIgnoreCase))
                            feeCell = $"'{sheetName.Replace("'", "''")}'!{Absolute(cell.CellReference!.Value!)}";
                        continue;
                    }

                    var filled = XlsxTemplate.Token().Replace(text, m => ModelPath.Text(Resolve(model, m.Groups[1].Value.Trim())));
                    SetText(cell, filled);
                }

                if (markers.Count > 0) WriteSchedule(part, sheetData, markers, schedule, () => feeCell);
            }

            var calculation = workbook.Workbook.GetFirstChild<CalculationProperties>() ?? workbook.Workbook.AppendChild(new CalculationProperties());
            calculation.FullCalculationOnLoad = true;
            workbook.Workbook.Save();
            foreach (var (_, part) in XlsxTemplate.Sheets(workbook)) part.Worksheet.Save();
            var properties = document.PackageProperties;
            properties.Title = SafeText.Cap(SafeText.Clean(title), 250);
            properties.Creator = SafeText.Cap(SafeText.Clean(author), 250);
            properties.LastModifiedBy = properties.Creator;
            properties.Created = stamp.UtcDateTime;
            properties.Modified = stamp.UtcDateTime;
            properties.Revision = "1";
        }

        return DeterministicPackage.Normalise(stream.ToArray(), stamp);
    }

    private static void WriteSchedule(WorksheetPart part, SheetData sheetData, Dictionary<string, Row> markers, PricingSchedule schedule, Func<string?> feeCell)
    {
        var styles = markers.ToDictionary(m => m.Key, m => m.Value.Elements<Cell>()
            .ToDictionary(c => XlsxTemplate.Column(c.CellReference?.Value), c => c.StyleIndex?.Value));
        var first = markers.Values.Min(r => r.RowIndex!.Value);
        var last = markers.Values.Max(r => r.RowIndex!.Value);
        var after = sheetData.Elements<Row>().Where(r => r.RowIndex!.Value > last).ToList();
        foreach (var row in markers.Values.Concat(after)) row.Remove();

        var r = first;
        var generated = new List<Row>();
        Row NewRow(string kind)
        {
            var row = new Row { RowIndex = r };
            generated.Add(row);
            return row;
        }

        uint? Style(string kind, string column) => styles[kind].GetValueOrDefault(column);

        var fee = feeCell() ?? schedule.FeeRate.ToString(Invariant);
        foreach (var lot in schedule.Lots)
        {
            var firstLine = r;
            foreach (var line in lot.Lines)
            {
                var row = NewRow(PricingRowKind.Line);
                Text(row, "A", r, lot.LotId, Style(PricingRowKind.Line, "A"));
                Text(row, "B", r, lot.Title, Style(PricingRowKind.Line, "B"));
                Text(row, "C", r, line.MemberName, Style(PricingRowKind.Line, "C"));
                Text(row, "D", r, line.Registration, Style(PricingRowKind.Line, "D"));
                Text(row, "E", r, Format.Unit(line.Unit), Style(PricingRowKind.Line, "E"));
                Number(row, "F", r, line.Volume, Style(PricingRowKind.Line, "F"));
                Number(row, "G", r, line.UnitPrice, Style(PricingRowKind.Line, "G"));
                Formula(row, "H", r, $"ROUND(F{r}*G{r},2)", line.Total, Style(PricingRowKind.Line, "H"));
                r++;
            }

            var lastLine = r - 1;
            var subtotalRow = r;
            var subtotal = NewRow(PricingRowKind.LotSubtotal);
            Label(subtotal, r, lot, "Members' prices", PricingRowKind.LotSubtotal, Style);
            if (lot.Lines.Count > 0) Formula(subtotal, "H", r, $"SUM(H{firstLine}:H{lastLine})", lot.Subtotal, Style(PricingRowKind.LotSubtotal, "H"));
            else Number(subtotal, "H", r, 0m, Style(PricingRowKind.LotSubtotal, "H"));
            r++;
            var feeRow = r;
            var feeLine = NewRow(PricingRowKind.LotFee);
            Label(feeLine, r, lot, "Management fee (lead)", PricingRowKind.LotFee, Style);
            Formula(feeLine, "G", r, fee, schedule.FeeRate, Style(PricingRowKind.LotFee, "G"));
            Formula(feeLine, "H", r, $"ROUND(H{subtotalRow}*{fee},2)", lot.Fee, Style(PricingRowKind.LotFee, "H"));
            r++;
            var total = NewRow(PricingRowKind.LotTotal);
            Label(total, r, lot, "Lot price", PricingRowKind.LotTotal, Style);
            Formula(total, "H", r, $"H{subtotalRow}+H{feeRow}", lot.Total, Style(PricingRowKind.LotTotal, "H"));
            r++;
        }

        var end = r - 1;
        foreach (var (kind, label, amount) in new[]
                 {
                     (PricingRowKind.GrandSubtotal, "Members' prices, all lots", schedule.Subtotal),
                     (PricingRowKind.GrandFee, "Management fee, all lots", schedule.Fee),
                     (PricingRowKind.GrandTotal, "Total bid price", schedule.Total),
                 })
        {
            if (!markers.ContainsKey(kind)) continue;
            var lotKind = kind switch { PricingRowKind.GrandSubtotal => PricingRowKind.LotSubtotal, PricingRowKind.GrandFee => PricingRowKind.LotFee, _ => PricingRowKind.LotTotal };
            var row = NewRow(kind);
            Text(row, "C", r, label, Style(kind, "C"));
            Text(row, "E", r, PricingRowKind.Key(kind), Style(kind, "E"));
            var formula = schedule.Lots.Count == 0 ? "0" : $"SUMIF(E{first}:E{end},\"{PricingRowKind.Key(lotKind)}\",H{first}:H{end})";
            Formula(row, "H", r, formula, amount, Style(kind, "H"));
            r++;
        }

        var shift = (long)r - 1 - last;
        foreach (var row in after)
        {
            row.RowIndex = (uint)(row.RowIndex!.Value + shift);
            foreach (var cell in row.Elements<Cell>())
                cell.CellReference = XlsxTemplate.Column(cell.CellReference?.Value) + row.RowIndex.Value;
        }

        // Appending in one go keeps rows in order, which spreadsheet readers require.
        sheetData.Append(generated);
        sheetData.Append(after);
        part.Worksheet.GetFirstChild<SheetDimension>()?.Remove();
        if (part.Worksheet.GetFirstChild<MergeCells>() is { } merges)
            foreach (var merge in merges.Elements<MergeCell>())
                merge.Reference = ShiftRange(merge.Reference?.Value, last, shift);
    }

    private static void Label(Row row, uint r, LotPricing lot, string label, string kind, Func<string, string, uint?> style)
    {
        Text(row, "A", r, lot.LotId, style(kind, "A"));
        Text(row, "B", r, lot.Title, style(kind, "B"));
        Text(row, "C", r, label, style(kind, "C"));
        Text(row, "E", r, PricingRowKind.Key(kind), style(kind, "E"));
    }

    private static void Text(Row row, string column, uint r, string text, uint? style)
    {
        var cell = new Cell { CellReference = column + r, StyleIndex = style };
        SetText(cell, text);
        row.Append(cell);
    }

    private static void Number(Row row, string column, uint r, decimal value, uint? style)
    {
        var cell = new Cell { CellReference = column + r, StyleIndex = style };
        SetNumber(cell, value);
        row.Append(cell);
    }

    private static void Formula(Row row, string column, uint r, string formula, decimal cached, uint? style) =>
        row.Append(new Cell
        {
            CellReference = column + r,
            StyleIndex = style,
            CellFormula = new CellFormula(formula),
            CellValue = new CellValue(cached.ToString(Invariant)),
        });

    private static void SetText(Cell cell, string text)
    {
        cell.CellFormula = null;
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(SafeText.Cap(SafeText.Clean(text), SafeText.MaxCellLength)) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static void SetNumber(Cell cell, decimal value)
    {
        cell.InlineString = null;
        cell.DataType = null;
        cell.CellValue = new CellValue(value.ToString(Invariant));
    }

    private static object? Resolve(PricingDocument model, string path)
    {
        object? value = model;
        foreach (var segment in path.Split('.'))
            value = ModelPath.Get(value, segment);
        return value;
    }

    private static string Absolute(string reference)
    {
        var column = XlsxTemplate.Column(reference);
        return $"${column}${reference[column.Length..]}";
    }

    private static string? ShiftRange(string? range, uint after, long shift)
    {
        if (range is null) return null;
        return string.Join(':', range.Split(':').Select(part =>
        {
            var column = XlsxTemplate.Column(part);
            var row = uint.Parse(part[column.Length..], Invariant);
            return row > after ? column + (row + shift) : part;
        }));
    }
}
