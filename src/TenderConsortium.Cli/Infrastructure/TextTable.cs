namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// A plain-text table for a person: a header row and aligned columns two spaces apart, fitted to a width (at most
/// <see cref="CliWidth.Max"/>) by shortening the widest column's long cells with an ellipsis, so no row wraps. For
/// lists whose cells are short (accounts, roles); the full values are in the command's <c>--json</c>.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private const string Gap = "  ";
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"a row needs {headers.Length} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>The table's lines, each at most <paramref name="width"/> characters.</summary>
    public IReadOnlyList<string> Lines(int width)
    {
        var widths = headers.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var room = width - Gap.Length * (headers.Length - 1);
        // Take a character at a time from the widest column (never below its header or 6) until the row fits.
        while (widths.Sum() > room)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= Math.Max(6, headers[widest].Length)) break;
            widths[widest]--;
        }

        return [Line(headers, widths), .. _rows.Select(r => Line(r, widths))];
    }

    public void WriteTo(TextWriter writer, int width)
    {
        foreach (var line in Lines(width)) writer.WriteLine(line);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(Gap, cells.Select((cell, c) => Cut(cell, widths[c]).PadRight(c == cells.Length - 1 ? 0 : widths[c]))).TrimEnd();

    private static string Cut(string cell, int width) => cell.Length <= width ? cell : cell[..(width - 1)] + "…";
}
