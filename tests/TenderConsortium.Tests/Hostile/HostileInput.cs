using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// One named hostile input: a file name (its extension picks the reader) and bytes made on demand, so that the corpus
/// of hundreds of cases (some of a megabyte) is not held in memory while NUnit lists it.
/// </summary>
public sealed class HostileInput(string kind, string name, string fileName, Func<byte[]> content)
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public string FileName { get; } = fileName;

    public byte[] Content() => content();

    public string Text() => Encoding.UTF8.GetString(content());

    public TestCaseData Case() => new TestCaseData(this).SetName($"{Kind}: {Name}");

    public override string ToString() => $"{Kind}: {Name}";
}

/// <summary>Values that break readers, as raw JSON (spliced in byte for byte, so they can be invalid JSON or invalid UTF-8).</summary>
public static class HostileValues
{
    public const int OneMegabyte = 1024 * 1024;

    /// <summary>Each raw JSON value with a short name; a mix of wrong types, absurd numbers, and text that is not text.</summary>
    public static IReadOnlyList<(string Name, Func<byte[]> Raw)> Json { get; } =
    [
        ("null", () => "null"u8.ToArray()),
        ("empty text", () => "\"\""u8.ToArray()),
        ("true", () => "true"u8.ToArray()),
        ("minus zero", () => "-0"u8.ToArray()),
        ("minus one", () => "-1"u8.ToArray()),
        ("1e400", () => "1e400"u8.ToArray()),
        ("40-digit number", () => "1234567890123456789012345678901234567890"u8.ToArray()),
        ("NaN as text", () => "\"NaN\""u8.ToArray()),
        ("empty object", () => "{}"u8.ToArray()),
        ("nested array", () => "[[1]]"u8.ToArray()),
        ("1 MB text", () => Encoding.ASCII.GetBytes("\"" + new string('x', OneMegabyte + 1) + "\"")),
        ("arrays nested 10,000 deep", () => Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
        ("lone surrogate escape", () => "\"a\\ud800b\""u8.ToArray()),
        ("controls, RTL override and script", () => "\"a\\u0007\\u001b[2J\\u202Eevil\\u202C<script>alert(1)</script>\""u8.ToArray()),
        ("invalid UTF-8 bytes", () => [(byte)'"', 0xFF, 0xFE, 0xC0, 0xAF, (byte)'"']),
    ];

    /// <summary>Text (not JSON) for CSV cells and form fields.</summary>
    public static IReadOnlyList<(string Name, string Text)> Text { get; } =
    [
        ("empty", ""),
        ("formula =cmd", "=cmd|' /C calc'!A0"),
        ("formula +SUM", "+SUM(1+1)*cmd|' /C calc'!A0"),
        ("formula @", "@SUM(1,2)"),
        ("semicolons and commas", "a;b,c; ,;"),
        ("script", "<script>alert(1)</script>"),
        ("RTL override", "\u202Eevil\u202C"),
        ("control characters", "a\u0007b\u001b[2Jc"),
        ("NUL", "a\0b"),
        ("minus zero", "-0"),
        ("1e400", "1e400"),
        ("NaN", "NaN"),
    ];

    public static string Clip(string text) => text.Length <= 30 ? text : text[..30] + "…";
}

/// <summary>Splices raw bytes into a JSON document at a path ("tender.lots[0].value.amount"), or duplicates a key there.</summary>
public static class JsonSplice
{
    private static readonly byte[] Marker = "\"@@HOSTILE@@\""u8.ToArray();

    public static byte[] Replace(JsonNode document, string path, byte[] raw)
    {
        var copy = document.DeepClone();
        TestSupport.JsonEdit.Set(copy, path, "@@HOSTILE@@");
        var bytes = Encoding.UTF8.GetBytes(copy.ToJsonString());
        var at = bytes.AsSpan().IndexOf(Marker);
        return [.. bytes.AsSpan(0, at), .. raw, .. bytes.AsSpan(at + Marker.Length)];
    }

    /// <summary>The object at <paramref name="path"/> gets its member <paramref name="name"/> a second time, first with <paramref name="raw"/>.</summary>
    public static byte[] DuplicateKey(JsonNode document, string path, string name, byte[] raw)
    {
        var copy = document.DeepClone();
        var parent = path.Length == 0 ? copy : Walk(copy, path);
        parent.AsObject()["@@DUP@@"] = "@@HOSTILE@@";
        var text = copy.ToJsonString().Replace("\"@@DUP@@\":", $"\"{name}\":", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = bytes.AsSpan().IndexOf(Marker);
        return [.. bytes.AsSpan(0, at), .. raw, .. bytes.AsSpan(at + Marker.Length)];
    }

    private static JsonNode Walk(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            node = node[bracket < 0 ? part : part[..bracket]]!;
            if (bracket >= 0) node = node[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        return node;
    }
}

/// <summary>What a refusal must look like: every problem says where (field, JSON path, line, file) and what was expected.</summary>
public static partial class Refusal
{
    public static void AssertSpecific(BadInputException ex, string context)
    {
        Assert.That(ex.Problems, Is.Not.Empty, context);
        Assert.That(ex.Message, Is.Not.Empty, context);
        foreach (var problem in ex.Problems) AssertSpecific(problem, context);
    }

    /// <summary>
    /// Runs an import of hostile input: its result, or null when it was refused, in which case the refusal is specific
    /// and <paramref name="count"/> shows nothing was stored. Any exception but a refusal fails the test.
    /// </summary>
    public static async Task<T?> ImportedOrRefusedAsync<T>(Func<Task<T>> import, Func<Task<int>> count, string context) where T : class
    {
        var before = await count();
        try
        {
            return await import();
        }
        catch (BadInputException ex)
        {
            AssertSpecific(ex, context);
            Assert.That(await count(), Is.EqualTo(before), "nothing is stored when a file is refused");
            return null;
        }
    }

    public static void AssertSpecific(string problem, string context)
    {
        var why = $"{context}\nproblem: {HostileValues.Clip(problem.Length > 300 ? problem[..300] : problem)}";
        Assert.That(problem, Is.Not.Null.And.Not.Empty.And.Not.EqualTo(" "), why);
        Assert.That(problem, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain("System."), "no stack trace or exception name: " + why);
        if (Stopped().IsMatch(problem)) return;
        Assert.That(Where().IsMatch(problem), Is.True, "names a field, path, line or file: " + why + "\n" + problem);
        Assert.That(What().IsMatch(problem), Is.True, "says what was expected: " + why + "\n" + problem);
    }

    /// <summary>One field, path, line or file: "tender.title: …", "[0].name: …", "line 3, column cpv: …", "m.csv: …", "the file …".</summary>
    [GeneratedRegex(@"^(\S+?: |line \d+|declaration: )|\bline \d+|\bposition \d+|\bthe (file|JSON|YAML|package)\b|\btop level\b|^YAML line \d+")]
    private static partial Regex Where();

    [GeneratedRegex(@"expected|required|must|limit|not a |not an |not valid|is not|invalid|ends early|empty|unknown|duplicate|twice|another|out of range|outside|missing|longer than|at most|at least|nothing|no members|no notice|either|choose|select|enter", RegexOptions.IgnoreCase)]
    private static partial Regex What();

    [GeneratedRegex(@"^stopped after \d+ problems$")]
    private static partial Regex Stopped();
}
