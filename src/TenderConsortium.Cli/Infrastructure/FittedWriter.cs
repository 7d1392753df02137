using System.Text;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// Plain text for a person, wrapped at word boundaries to <see cref="CliWidth.Columns"/>; a wrapped line continues
/// under its own text (its indent plus two spaces). Only for text output: JSON for scripts is written unwrapped.
/// </summary>
public sealed class FittedWriter(TextWriter inner, int width) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <summary>Console.Out fitted to the terminal.</summary>
    public static TextWriter Out => new FittedWriter(Console.Out, CliWidth.Columns);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\r') return;
        if (value != '\n')
        {
            _line.Append(value);
            return;
        }

        foreach (var part in Wrap(_line.ToString(), width)) inner.WriteLine(part);
        _line.Clear();
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            foreach (var part in Wrap(_line.ToString(), width)) inner.WriteLine(part);
            _line.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    /// <summary>The line cut at spaces into pieces of at most <paramref name="width"/> (a single longer word is cut where it must).</summary>
    public static IEnumerable<string> Wrap(string line, int width)
    {
        if (line.Length <= width)
        {
            yield return line;
            yield break;
        }

        var indent = new string(' ', Math.Min(line.Length - line.TrimStart(' ').Length + 2, width / 2));
        var rest = line;
        var first = true;
        while (rest.Length > 0)
        {
            var prefix = first ? "" : indent;
            var room = width - prefix.Length;
            if (rest.Length <= room)
            {
                yield return prefix + rest;
                yield break;
            }

            var cut = rest.LastIndexOf(' ', room);
            if (cut <= 0) cut = room;
            yield return prefix + rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart(' ');
            first = false;
        }
    }
}
