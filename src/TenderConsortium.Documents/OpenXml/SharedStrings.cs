using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TenderConsortium.Documents.OpenXml;

/// <summary>
/// The shared-string table of a workbook being built (each text stored once, as Excel writes it) and the cells that
/// refer to it, plus the thin blue border the shipped workbooks draw around their tables.
/// </summary>
internal sealed class SharedStrings
{
    private readonly List<string> _strings = [];

    public uint Index(string text)
    {
        var i = _strings.IndexOf(text);
        if (i >= 0) return (uint)i;
        _strings.Add(text);
        return (uint)(_strings.Count - 1);
    }

    public Cell Cell(string reference, string text, uint style) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Index(text).ToString(CultureInfo.InvariantCulture)), StyleIndex = style };

    public SharedStringTable Table() =>
        new(_strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve }))) { Count = (uint)_strings.Count, UniqueCount = (uint)_strings.Count };

    public static Border ThinBorder() => new(
        new LeftBorder(new Color { Rgb = "FF8EAADB" }) { Style = BorderStyleValues.Thin },
        new RightBorder(new Color { Rgb = "FF8EAADB" }) { Style = BorderStyleValues.Thin },
        new TopBorder(new Color { Rgb = "FF8EAADB" }) { Style = BorderStyleValues.Thin },
        new BottomBorder(new Color { Rgb = "FF8EAADB" }) { Style = BorderStyleValues.Thin },
        new DiagonalBorder());
}
