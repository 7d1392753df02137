using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using TenderConsortium.Core.Members;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// Hostile member registries derived from samples/members/sample-consortium.csv: every column of its last row set to
/// each hostile text (formulas, separators, controls, RTL, NUL…), CSV broken as CSV (column counts, quotes, encodings,
/// separators, line endings), the registry's own rules pushed (legal forms, certificate dates, duplicate registration
/// numbers), a 10,000-row file whose last row is bad, and the same registry as JSON with each hostile JSON value.
/// </summary>
public static class MemberCorpus
{
    private const string Sample = "sample-consortium.csv";

    public static IEnumerable<HostileInput> All() => Cells().Concat(Rules()).Concat(CsvFiles()).Concat(Json());

    private static HostileInput Csv(string name, Func<byte[]> content, string fileName = "members.csv") => new("members", name, fileName, content);

    private static byte[] Raw() => File.ReadAllBytes(RepoFiles.Member(Sample));

    private static string RawText() => File.ReadAllText(RepoFiles.Member(Sample));

    /// <summary>The sample's header and rows as cells.</summary>
    public static (string[] Header, List<string[]> Rows) Table()
    {
        using var reader = new StringReader(RawText());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, header.Length).Select(i => csv.GetField(i) ?? "").ToArray());
        return (header, rows);
    }

    public static string Write(string[] header, IEnumerable<string[]> rows) =>
        string.Join("\n", new[] { header }.Concat(rows).Select(r => string.Join(',', r.Select(Quote)))) + "\n";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 || cell != cell.Trim() ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    /// <summary>The sample with one cell of its last row changed.</summary>
    public static byte[] WithCell(string column, string value)
    {
        var (header, rows) = Table();
        if (!header.Contains(column))
        {
            // A column the sample file does not use (e.g. conflicts) is added empty to every row, then filled in the last.
            header = [.. header, column];
            rows = rows.Select(r => (string[])[.. r, ""]).ToList();
        }

        rows[^1][Array.IndexOf(header, column)] = value;
        return Encoding.UTF8.GetBytes(Write(header, rows));
    }

    /// <summary>Every column × every hostile text, in the last row (line 25).</summary>
    public static IEnumerable<HostileInput> Cells()
    {
        foreach (var column in MemberColumns.All)
        {
            foreach (var (name, text) in HostileValues.Text)
                yield return Csv($"{column} = {name}", () => WithCell(column, text));
        }

        yield return Csv("name = 1 MB text", () => WithCell(MemberColumns.Name, new string('n', HostileValues.OneMegabyte + 1)));
        yield return Csv("capability_statement = 1 MB text", () => WithCell(MemberColumns.CapabilityStatement, new string('c', HostileValues.OneMegabyte + 1)));
        yield return Csv("capability_statement = 500 KB text", () => WithCell(MemberColumns.CapabilityStatement, new string('c', 500 * 1024)));
    }

    /// <summary>The registry's own rules: legal forms, certificate dates, duplicate registration numbers, amounts.</summary>
    public static IEnumerable<HostileInput> Rules()
    {
        foreach (var form in new[] { "plc", "Ltd", "CIC;SCIO", "cooperativa sociale C", "c.i.c.", "Charitable Incorporated Organisation", "OTHER " })
            yield return Csv($"legal form '{form}'", () => WithCell(MemberColumns.LegalForm, form));
        foreach (var certificate in new[] { "PVG:9999-12-31", "PVG:1900-01-01", "PVG:0001-01-01", "PVG:2024-02-29", "PVG:2023-02-29", "PVG:", "PVG:2027-13-01", ":", "PVG:2027-03-31:2028-01-01", "PVG:+2027-03-31" })
            yield return Csv($"certification '{certificate}'", () => WithCell(MemberColumns.Certifications, certificate));
        var (_, rows) = Table();
        foreach (var registration in new[] { rows[0][2], rows[0][2].ToLowerInvariant(), " " + string.Join(' ', rows[0][2].ToCharArray()) + " ", rows[0][2] + "\u200B", "SC\u0660\u0661\u0662" })
            yield return Csv($"registration number '{registration}' (line 2 has {rows[0][2]})", () => WithCell(MemberColumns.RegistrationNumber, registration));
        foreach (var amount in new[] { "£1,000,000.00", "1.000.000,00", "1e6", "0x10", "99999999999999999999999999999999", "-0.00", "£-5", "1,2,3" })
            yield return Csv($"annual turnover '{amount}'", () => WithCell(MemberColumns.AnnualTurnover, amount));
        foreach (var email in new[] { "a@b\r\nBcc: victim@example.org", "\"quoted\"@example.org", "x@[127.0.0.1]", "émile@exemple.fr", "a@b.c" })
            yield return Csv($"contact email '{HostileValues.Clip(email)}'", () => WithCell(MemberColumns.ContactEmail, email));
        foreach (var area in new[] { "UKM", "TLM", "S12000049;S12000049", "Glasgow City;;;", "glasgow city", "S92000003" })
            yield return Csv($"service areas '{area}'", () => WithCell(MemberColumns.ServiceAreas, area));
    }

    /// <summary>Files broken as CSV.</summary>
    public static IEnumerable<HostileInput> CsvFiles()
    {
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var length = Raw().Length;
        foreach (var k in Enumerable.Range(1, 8))
        {
            var cut = length * k / 9 + k;
            yield return Csv($"cut at byte {cut:N0} of {length:N0}", () => Raw()[..cut]);
        }

        string[] Lines() => RawText().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        yield return Csv("a row missing its last field", () => Utf8(string.Join("\n", Lines()[..^1]) + "\n" + Lines()[^1][..Lines()[^1].LastIndexOf(',')] + "\n"));
        yield return Csv("a row with an extra field", () => Utf8(string.Join("\n", Lines()) + ",extra\n"));
        yield return Csv("a row of commas", () => Utf8(string.Join("\n", Lines()) + "\n,,,,,,,,,,,,,,\n"));
        yield return Csv("a row of one field", () => Utf8(string.Join("\n", Lines()) + "\nlonely\n"));
        yield return Csv("blank lines between rows", () => Utf8(string.Join("\n\n\n", Lines()) + "\n"));
        yield return Csv("quote opened and never closed", () => Utf8(string.Join("\n", Lines()) + "\n\"Unclosed CIC,CIC,SC999999,A,a@b.org\n"));
        yield return Csv("quote in the middle of a field", () => Utf8(RawText().Replace("Clyde Recovery Community SCIO", "Clyde \"Recovery\" SCIO", StringComparison.Ordinal)));
        yield return Csv("text after a closing quote", () => Utf8(RawText().Replace("\"Residential rehabilitation", "\"Residential\"x rehabilitation", StringComparison.Ordinal)));
        yield return Csv("header only", () => Utf8(Lines()[0] + "\n"));
        yield return Csv("header twice", () => Utf8(Lines()[0] + "\n" + string.Join("\n", Lines()) + "\n"));
        yield return Csv("header in capitals with spaces", () => Utf8(Lines()[0].ToUpperInvariant().Replace('_', ' ') + "\n" + string.Join("\n", Lines()[1..]) + "\n"));
        yield return Csv("header without registration_number", () => Utf8(RawText().Replace("registration_number", "reg_no", StringComparison.Ordinal)));
        yield return Csv("header with an empty column name", () => Utf8(Lines()[0] + ",\n" + string.Join("\n", Lines()[1..].Select(l => l + ",")) + "\n"));
        yield return Csv("UTF-8 byte-order mark", () => [0xEF, 0xBB, 0xBF, .. Raw()]);
        yield return Csv("UTF-16 with byte-order mark", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(RawText())]);
        yield return Csv("Windows-1252 pound sign in a turnover", () => [.. Raw(), .. Encoding.Latin1.GetBytes("Pound Shop CIC,CIC,SC777777,Ann,ann@pound.org,,,,,,\u00a3820000,,,,\n")]);
        yield return Csv("invalid UTF-8 bytes in a name", () => [.. Utf8(RawText()), .. Utf8("Bad "), 0xFF, 0xFE, .. Utf8(" CIC,CIC,SC777778,Ann,ann@bad.org,,,,,,,,,,\n")]);
        yield return Csv("CESU-8 surrogate bytes in a name", () => [.. Utf8(RawText()), .. Utf8("Bad "), 0xED, 0xA0, 0x80, .. Utf8(" CIC,CIC,SC777779,Ann,ann@bad.org,,,,,,,,,,\n")]);
        yield return Csv("CRLF line endings", () => Utf8(string.Join("\r\n", Lines()) + "\r\n"));
        yield return Csv("CR-only line endings", () => Utf8(string.Join("\r", Lines()) + "\r"));
        yield return Csv("semicolon-separated", () => Utf8(string.Join("\n", Lines().Select(l => l.Replace(',', ';'))) + "\n"));
        yield return Csv("tab-separated", () => Utf8(string.Join("\n", Lines().Select(l => l.Replace(',', '\t'))) + "\n"));
        yield return Csv("no final newline", () => Utf8(string.Join("\n", Lines())));
        yield return Csv("NUL bytes between rows", () => Utf8(string.Join("\n\0", Lines()) + "\n"));
        yield return Csv("10,000 generated rows, the last one bad", () =>
        {
            var buffer = new MemoryStream();
            MemberFileWriter.WriteCsvAsync(new MemberGenerator(9).Generate(10_000), buffer).GetAwaiter().GetResult();
            return [.. buffer.ToArray(), .. Utf8("Last Row CIC,CIC,SC000001X,Ann,not-an-email,,,,,,,,,,\n")];
        });
        yield return Csv("not CSV: a spreadsheet", () => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "members.xlsx");
        yield return Csv("not CSV: binary under a .csv name", () => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x00, 0xFF]);
    }

    /// <summary>The sample registry as JSON ({"members": [...]}), with fields of its first member set to each hostile JSON value.</summary>
    public static JsonNode JsonRegistry()
    {
        var (header, rows) = Table();
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        JsonArray List(string text) => new(text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        var members = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = Cell(r, MemberColumns.Name),
            ["legalForm"] = Cell(r, MemberColumns.LegalForm),
            ["registrationNumber"] = Cell(r, MemberColumns.RegistrationNumber),
            ["contacts"] = new JsonArray(new JsonObject { ["name"] = Cell(r, MemberColumns.ContactName), ["email"] = Cell(r, MemberColumns.ContactEmail), ["phone"] = Cell(r, MemberColumns.ContactPhone) }),
            ["cpv"] = List(Cell(r, MemberColumns.Cpv)),
            ["serviceAreas"] = List(Cell(r, MemberColumns.ServiceAreas)),
            ["certifications"] = List(Cell(r, MemberColumns.Certifications)),
            ["staffFte"] = Cell(r, MemberColumns.StaffFte),
            ["annualTurnover"] = Cell(r, MemberColumns.AnnualTurnover),
            ["assetLock"] = Cell(r, MemberColumns.AssetLock),
        }).ToArray());
        return new JsonObject { ["members"] = members };
    }

    public static IEnumerable<HostileInput> Json()
    {
        HostileInput Input(string name, Func<byte[]> content) => new("members", "JSON " + name, "members.json", content);
        foreach (var path in new[] { "members[0].name", "members[0].registrationNumber", "members[0].contacts[0].email", "members[0].cpv", "members[0].certifications", "members[0].staffFte" })
        {
            foreach (var (name, raw) in HostileValues.Json)
                yield return Input($"{path} = {name}", () => JsonSplice.Replace(JsonRegistry(), path, raw()));
        }

        yield return Input("root is the array", () => Encoding.UTF8.GetBytes(JsonRegistry()["members"]!.ToJsonString()));
        yield return Input("duplicate members key", () => JsonSplice.DuplicateKey(JsonRegistry(), "", "members", "[]"u8.ToArray()));
        yield return Input("lone surrogate in a member's key", () => JsonSplice.DuplicateKey(JsonRegistry(), "members[0]", "\\ud800", "1"u8.ToArray()));
        yield return Input("member nested 10,000 deep", () => JsonSplice.Replace(JsonRegistry(), "members[0]", Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000))));
        yield return Input("members as text", () => "{\"members\":\"Canal Care CIC\"}"u8.ToArray());
        yield return Input("cut in the middle", () =>
        {
            var bytes = Encoding.UTF8.GetBytes(JsonRegistry().ToJsonString());
            return bytes[..(bytes.Length / 2)];
        });
    }
}
