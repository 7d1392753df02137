using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// Hostile notices derived from the real sample files (samples/notices): truncated at many offsets, every chosen field
/// replaced by each hostile value (as a single release and inside a release package), and files that are broken as
/// files (encodings, byte-order marks, duplicate keys, nesting, concatenation, YAML tricks).
/// </summary>
public static class NoticeCorpus
{
    public const string Glasgow = "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json";

    /// <summary>Fields of the Glasgow release that every hostile value is tried on.</summary>
    private static readonly string[] Paths =
    [
        "ocid", "date", "buyer.name", "parties[0].roles", "tender.title", "tender.value.amount", "tender.value.currency",
        "tender.tenderPeriod.endDate", "tender.items[0].additionalClassifications[0].id", "tender.lots[0].id",
        "tender.lots[0].awardCriteria.criteria[0].description", "tender.lots[0].contractPeriod.durationInDays",
    ];

    public static IEnumerable<HostileInput> All() => Truncations().Concat(FieldMutations()).Concat(Files()).Concat(Yaml());

    private static byte[] Sample(string name) => File.ReadAllBytes(RepoFiles.Notice(name));

    private static JsonNode Release() => JsonNode.Parse(Sample(Glasgow))!;

    private static JsonNode Package(JsonNode release) =>
        new JsonObject { ["uri"] = "https://example.org/package.json", ["publishedDate"] = "2019-04-15T00:00:00Z", ["releases"] = new JsonArray(release) };

    private static HostileInput Input(string name, string fileName, Func<byte[]> content) => new("notice", name, fileName, content);

    /// <summary>Every sample cut at six offsets (and inside its first multi-byte character): the JSON ends early.</summary>
    public static IEnumerable<HostileInput> Truncations()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(RepoFiles.RepoRoot, "samples", "notices"))
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        foreach (var file in samples)
        {
            var length = new FileInfo(RepoFiles.Notice(file!)).Length;
            foreach (var k in new[] { 1, 2, 3, 4, 5, 6 })
            {
                var cut = (int)(length * k / 7) + k; // not always on a token boundary
                yield return Input($"{file} cut at byte {cut:N0} of {length:N0}", file!, () => Sample(file!)[..cut]);
            }

            var bytes = Sample(file!);
            var multi = Array.FindIndex(bytes, b => b >= 0xC0);
            if (multi > 0) yield return Input($"{file} cut inside a multi-byte character at byte {multi + 1:N0}", file!, () => Sample(file!)[..(multi + 1)]);
        }
    }

    /// <summary>Each path × each hostile value; even values in a single release, odd ones inside a release package.</summary>
    public static IEnumerable<HostileInput> FieldMutations()
    {
        foreach (var path in Paths)
        {
            for (var v = 0; v < HostileValues.Json.Count; v++)
            {
                var (name, raw) = HostileValues.Json[v];
                var inPackage = v % 2 == 1;
                yield return Input($"{path} = {name}{(inPackage ? " (in a package)" : "")}", "notice.json", () => inPackage
                    ? JsonSplice.Replace(Package(Release()), "releases[0]." + path, raw())
                    : JsonSplice.Replace(Release(), path, raw()));
            }
        }
    }

    /// <summary>Files broken as files: encodings, byte-order marks, duplicate keys, nesting, concatenation, many releases.</summary>
    public static IEnumerable<HostileInput> Files()
    {
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        byte[] Json(JsonNode node) => Utf8(node.ToJsonString());
        byte[] Splice(string marker, byte[] raw)
        {
            var release = Release();
            release["tender"]!["title"] = marker;
            var bytes = Json(release);
            var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker));
            return [.. bytes.AsSpan(0, at), .. raw, .. bytes.AsSpan(at + marker.Length)];
        }

        yield return Input("UTF-8 byte-order mark", "notice.json", () => [0xEF, 0xBB, 0xBF, .. Sample(Glasgow)]);
        yield return Input("two UTF-8 byte-order marks", "notice.json", () => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Sample(Glasgow)]);
        yield return Input("UTF-16 LE with its byte-order mark", "notice.json", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(Sample(Glasgow)))]);
        yield return Input("UTF-16 BE without a byte-order mark", "notice.json", () => Encoding.BigEndianUnicode.GetBytes(Encoding.UTF8.GetString(Sample(Glasgow))));
        yield return Input("Windows-1252 pound sign in the title", "notice.json", () => Splice("@@T@@", [0xA3, (byte)'5', (byte)'0']));
        yield return Input("overlong encoding of '/' in the title", "notice.json", () => Splice("@@T@@", [0xC0, 0xAF]));
        yield return Input("CESU-8 surrogate bytes in the title", "notice.json", () => Splice("@@T@@", [0xED, 0xA0, 0x80]));
        yield return Input("invalid UTF-8 in a key", "notice.json", () => [.. Utf8("{\"ocid\":\"ocds-x-1\",\""), 0xFF, .. Utf8("\":1,\"tender\":{\"title\":\"t\"}}")]);
        yield return Input("file ends inside a multi-byte character", "notice.json", () => [.. Sample(Glasgow), 0xE2, 0x82]);
        yield return Input("raw NUL byte inside a text", "notice.json", () => Splice("@@T@@", [(byte)'a', 0x00, (byte)'b']));
        yield return Input("NUL byte after the JSON", "notice.json", () => [.. Sample(Glasgow), 0x00]);
        yield return Input("lone surrogate in a top-level key", "notice.json", () => Utf8("{\"\\ud800\":1," + Encoding.UTF8.GetString(Sample(Glasgow)).TrimStart()[1..]));
        yield return Input("lone surrogate in a nested key", "notice.json", () => JsonSplice.DuplicateKey(Release(), "tender", "\\udc00", "1"u8.ToArray()));
        yield return Input("surrogates in the wrong order", "notice.json", () => JsonSplice.Replace(Release(), "tender.description", "\"\\udc00\\ud800\""u8.ToArray()));
        yield return Input("lone surrogate as a release of a package", "notice.json", () => Utf8("{\"releases\":[\"\\ud800\"]}"));
        yield return Input("lone surrogate in a record's compiled release", "notice.json", () => Utf8("{\"records\":[{\"ocid\":\"ocds-x-1\",\"compiledRelease\":" + Encoding.UTF8.GetString(JsonSplice.Replace(Release(), "buyer.name", "\"\\ud83d\""u8.ToArray())) + "}]}"));
        yield return Input("duplicate ocid key", "notice.json", () => JsonSplice.DuplicateKey(Release(), "", "ocid", "\"ocds-r6ebe6-duplicate\""u8.ToArray()));
        yield return Input("duplicate tender key, second one text", "notice.json", () => JsonSplice.DuplicateKey(Release(), "", "tender", "\"none\""u8.ToArray()));
        yield return Input("duplicate releases arrays", "notice.json", () => Utf8("{\"releases\":[" + Encoding.UTF8.GetString(Sample(Glasgow)) + "],\"releases\":[]}"));
        yield return Input("duplicate amount key", "notice.json", () => JsonSplice.DuplicateKey(Release(), "tender.value", "amount", "-5"u8.ToArray()));
        yield return Input("root nested 10,000 deep", "notice.json", () => Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Input("release nested 10,000 deep in an unknown member", "notice.json", () => JsonSplice.Replace(Release(), "language", Utf8(new string('[', 10_000) + new string(']', 10_000))));
        yield return Input("1 MB key", "notice.json", () => JsonSplice.DuplicateKey(Release(), "tender", new string('k', HostileValues.OneMegabyte), "1"u8.ToArray()));
        yield return Input("two releases concatenated", "notice.json", () => [.. Sample(Glasgow), .. Sample(Glasgow)]);
        yield return Input("comments", "notice.json", () => Utf8("// a release\n" + Encoding.UTF8.GetString(Sample(Glasgow))));
        yield return Input("single-quoted texts", "notice.json", () => Utf8(Encoding.UTF8.GetString(Sample(Glasgow)).Replace("\"ocid\"", "'ocid'", StringComparison.Ordinal)));
        yield return Input("NaN literal", "notice.json", () => JsonSplice.Replace(Release(), "tender.value.amount", "NaN"u8.ToArray()));
        yield return Input("Infinity literal", "notice.json", () => JsonSplice.Replace(Release(), "tender.value.amount", "-Infinity"u8.ToArray()));
        yield return Input("hexadecimal number", "notice.json", () => JsonSplice.Replace(Release(), "tender.value.amount", "0x10"u8.ToArray()));
        yield return Input("leading zeros", "notice.json", () => JsonSplice.Replace(Release(), "tender.value.amount", "007"u8.ToArray()));
        yield return Input("unescaped newline and tab in a text", "notice.json", () => Splice("@@T@@", "a\nb\tc"u8.ToArray()));
        yield return Input("200 releases, the last without a tender", "package.json", () =>
        {
            var releases = new JsonArray();
            for (var i = 0; i < 200; i++)
            {
                var release = Release();
                release["ocid"] = $"ocds-r6ebe6-hostile-{i:000}";
                if (i == 199) release.AsObject().Remove("tender");
                releases.Add(release);
            }

            return Json(new JsonObject { ["releases"] = releases });
        });
        yield return Input("500 lots with negative values (problem limit)", "notice.json", () =>
        {
            var release = Release();
            var lots = new JsonArray();
            for (var i = 0; i < 500; i++) lots.Add(new JsonObject { ["id"] = $"{i}", ["value"] = new JsonObject { ["amount"] = -i - 1, ["currency"] = "GBP" } });
            release["tender"]!["lots"] = lots;
            return Json(release);
        });
        yield return Input("5,000 lots, all fine", "notice.json", () =>
        {
            var release = Release();
            var lots = new JsonArray();
            for (var i = 0; i < 5_000; i++) lots.Add(new JsonObject { ["id"] = $"{i}", ["title"] = $"Lot {i}" });
            release["tender"]!["lots"] = lots;
            return Json(release);
        });
        yield return Input("record package whose record is a number", "records.json", () => Utf8("{\"records\":[42]}"));
        yield return Input("package of nulls", "package.json", () => Utf8("{\"releases\":[null,null]}"));
        yield return Input("own format with every field the wrong type", "own.json", () => Utf8(
            "{\"format\":\"tender-notice/1\",\"reference\":[],\"buyer\":{\"name\":7},\"title\":{},\"value\":\"lots\",\"deadline\":1e400,\"lots\":\"one\",\"cpv\":{},\"suitability\":[]}"));
        yield return Input("own format with a lone surrogate in the reference", "own.json", () =>
            Utf8("{\"format\":\"tender-notice/1\",\"reference\":\"\\ud800\",\"buyer\":\"Fife Council\",\"title\":\"Gardening\"}"));
    }

    /// <summary>Our own YAML format: expansion bombs, bad text, deep nesting, tags, several documents.</summary>
    public static IEnumerable<HostileInput> Yaml()
    {
        const string head = "format: tender-notice/1\nreference: QQ-1\nbuyer: Fife Council\n";
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        HostileInput Yaml(string name, Func<byte[]> content) => Input("YAML " + name, "notice.yaml", content);

        var bomb = new StringBuilder(head + "title: Gardening\nx0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 9; i++) bomb.Append($"x{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]\n");
        yield return Yaml("billion laughs", () => Utf8(bomb.ToString()));
        yield return Yaml("lone surrogate escape", () => Utf8(head + "title: \"a\\ud800b\"\n"));
        yield return Yaml("invalid UTF-8 bytes", () => [.. Utf8(head + "title: "), 0xFF, 0xFE, (byte)'\n']);
        yield return Yaml("UTF-16 with byte-order mark", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(head + "title: Gardening\n")]);
        yield return Yaml("tab indentation", () => Utf8(head + "title: Gardening\nvalue:\n\tamount: 5\n\tcurrency: GBP\n"));
        yield return Yaml("flow sequence nested 10,000 deep", () => Utf8(head + "title: Gardening\ncpv: " + new string('[', 10_000) + new string(']', 10_000) + "\n"));
        yield return Yaml("1 MB title", () => Utf8(head + "title: " + new string('t', HostileValues.OneMegabyte + 1) + "\n"));
        yield return Yaml("binary tag", () => Utf8(head + "title: !!binary R0lGODlhDAAMAIQAAP\n"));
        yield return Yaml("python object tag", () => Utf8(head + "title: !!python/object/apply:os.system [\"rm -rf /\"]\n"));
        yield return Yaml("two documents", () => Utf8(head + "title: One\n---\n" + head + "title: Two\n"));
        yield return Yaml("a key that is a list", () => Utf8(head + "title: Gardening\n? [a, b]\n: c\n"));
        yield return Yaml("NUL byte", () => Utf8(head + "title: Garden\0ing\n"));
        yield return Yaml("RTL override and script in the title", () => Utf8(head + "title: \"\u202Eevil\u202C <script>alert(1)</script>\"\n"));
        yield return Yaml("control characters escaped in the title", () => Utf8(head + "title: \"a\\x07\\x1b[2Jb\"\n"));
        yield return Yaml("number 1e400 as the value", () => Utf8(head + "title: Gardening\nvalue: {amount: 1e400, currency: GBP}\n"));
        yield return Yaml("value amount -0 and .nan", () => Utf8(head + "title: Gardening\nvalue: {amount: .nan, currency: GBP}\nminValue: {amount: -0, currency: GBP}\n"));
        yield return Yaml("merge key to itself", () => Utf8(head + "title: Gardening\nbase: &b {a: 1}\nother:\n  <<: *b\n  <<: *b\n"));
        yield return Yaml("undefined alias", () => Utf8(head + "title: *nothing\n"));
    }
}
