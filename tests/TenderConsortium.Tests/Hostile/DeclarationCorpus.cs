using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// Hostile declarations derived from samples/declarations/glasgow-residential-recovery.json (the declaration of
/// SC051234 for both lots of the Glasgow notice): every field × each hostile JSON value, then values that are of the
/// right type but wrong (negative, absurd, unknown ids, dates, duplicates, sizes), then broken documents.
/// </summary>
public static class DeclarationCorpus
{
    public static string SampleFile => Path.Combine(RepoFiles.RepoRoot, "samples", "declarations", "glasgow-residential-recovery.json");

    private static readonly string[] Paths =
    [
        "lots", "lots[0]", "lots[0].lotId", "lots[0].volume", "lots[0].pricePerUnit", "lots[0].earliestStart", "lots[0].staff",
        "lots[0].keyRoles", "lots[0].keyRoles[0]", "lots[0].areas", "lots[0].areas[0]", "lots[0].socialValue",
        "lots[0].socialValue[0].measure", "lots[0].socialValue[0].quantity", "lots[0].socialValue[0].note",
        "conflicts", "spd", "spd.annualTurnover", "spd.invoicesPaidOnTimePercent",
    ];

    public static JsonNode Sample() => JsonNode.Parse(File.ReadAllText(SampleFile))!["declarations"]!["SC051234"]!.DeepClone();

    public static JsonNode LotTerms() => JsonNode.Parse(File.ReadAllText(SampleFile))!["lotTerms"]!.DeepClone();

    private static HostileInput Input(string name, Func<byte[]> content) => new("declaration", name, "declaration.json", content);

    private static HostileInput Edit(string name, Func<JsonNode, JsonNode> edit) => Input(name, () => Encoding.UTF8.GetBytes(edit(Sample()).ToJsonString()));

    private static HostileInput Set(string path, JsonNode? value, string? name = null) =>
        Edit(name ?? $"{path} = {HostileValues.Clip(value?.ToJsonString() ?? "null")}", d => d.Set(path, value));

    public static IEnumerable<HostileInput> All() => FieldMutations().Concat(WrongValues()).Concat(Documents());

    public static IEnumerable<HostileInput> FieldMutations()
    {
        foreach (var path in Paths)
        {
            foreach (var (name, raw) in HostileValues.Json)
                yield return Input($"{path} = {name}", () => JsonSplice.Replace(Sample(), path, raw()));
        }
    }

    /// <summary>Right type, wrong value: negative, absurd, unknown ids, impossible dates, duplicates, sizes.</summary>
    public static IEnumerable<HostileInput> WrongValues()
    {
        foreach (var volume in new JsonNode?[] { 0, -1, 10_001, 1.5, "4500", "4,500", "£4500", long.MaxValue, decimal.MaxValue, JsonNode.Parse("1e-400") })
            yield return Set("lots[0].volume", volume);
        foreach (var price in new JsonNode?[] { 0, -29.5, 340.01, 340, 1e-30, "£31.50", "31,50", "thirty", 0.001 })
            yield return Set("lots[0].pricePerUnit", price);
        foreach (var date in new[] { "2027-02-30", "01/04/2027", "1900-01-01", "0001-01-01", "9999-12-31", "2027-04-01T00:00:00Z", "+2027-04-01", "2027-4-1", " 2027-04-01 ", "２０２７-04-01" })
            yield return Set("lots[0].earliestStart", date);
        foreach (var lotId in new JsonNode?[] { "3", "", " 1 ", "1; DROP TABLE declarations", 1, "../1", "\u202E1", "01" })
            yield return Set("lots[0].lotId", lotId);
        foreach (var staff in new JsonNode?[] { -1, 100_001, 2.5, "nine", int.MaxValue })
            yield return Set("lots[0].staff", staff);
        yield return Set("lots[0].areas", new JsonArray("Narnia"));
        yield return Set("lots[0].areas", new JsonArray("Fife"), "lots[0].areas outside the lot");
        yield return Set("lots[0].areas", new JsonArray("S12000049", "Glasgow City", "glasgow city"), "lots[0].areas one council three ways");
        yield return Set("lots[0].areas", new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)"Glasgow City").ToArray()), "lots[0].areas 51 items");
        yield return Set("lots[0].keyRoles", new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode)$"Role {i}").ToArray()), "lots[0].keyRoles 51 items");
        yield return Set("lots[0].keyRoles", new JsonArray(new string('r', 2_001)), "lots[0].keyRoles a 2,001-character role");
        yield return Set("lots[0].keyRoles", new JsonArray(new string('r', 2_000)), "lots[0].keyRoles a 2,000-character role");
        yield return Set("lots[0].socialValue[0].measure", "SV99");
        yield return Set("lots[0].socialValue[0].measure", "sv01");
        yield return Set("lots[0].socialValue[1].measure", "SV01", "lots[0].socialValue the same measure twice");
        yield return Set("lots[0].socialValue[0].quantity", 0);
        yield return Set("lots[0].socialValue[0].quantity", -3);
        yield return Set("lots[0].socialValue[0].quantity", 1e7);
        yield return Edit("lots[0].socialValue percent measure at 101", d => d.Set("lots[0].socialValue[0]", new JsonObject { ["measure"] = "SV02", ["quantity"] = 101 }));
        yield return Edit("lots[1] is lot 1 again", d => d.Set("lots[1].lotId", "1"));
        yield return Edit("lots has 1,000 offers", d => d.Set("lots", new JsonArray(Enumerable.Range(0, 1_000).Select(_ => d["lots"]![0]!.DeepClone()).ToArray())));
        yield return Edit("lots is empty", d => d.Set("lots", new JsonArray()));
        yield return Edit("decline and lots", d => d.Set("decline", "No staff"));
        yield return Edit("decline with an empty reason", d => d.Remove("lots").Set("decline", "   "));
        yield return Edit("decline with 2,001 characters", d => d.Remove("lots").Set("decline", new string('d', 2_001)));
        yield return Edit("decline with script and RTL", d => d.Remove("lots").Set("decline", "\u202E<script>alert(1)</script>"));
        yield return Edit("neither lots nor decline", d => d.Remove("lots"));
        yield return Edit("unknown field at the top", d => d.Set("admin", true));
        yield return Edit("unknown field in a lot", d => d.Set("lots[0].memberId", "someone-else"));
        yield return Edit("unknown field in a measure", d => d.Set("lots[0].socialValue[0].unit", "%"));
        yield return Edit("unknown field in spd", d => d.Set("spd.creditScore", 900));
        yield return Edit("unknown field named __proto__", d => d.Set("__proto__", new JsonObject { ["admin"] = true }));
        yield return Set("spd.annualTurnover", -1);
        yield return Set("spd.annualTurnover", 10_000_000_001m);
        yield return Set("spd.insuranceCover", "£5,000,000");
        yield return Set("spd.invoicesPaidOnTimePercent", 101);
        yield return Set("spd.invoicesPaidOnTimePercent", -0.5);
        yield return Set("conflicts", new JsonArray(new string('c', 2_001)), "conflicts a 2,001-character conflict");
        yield return Set("conflicts", new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode)$"c{i}").ToArray()), "conflicts 51 items");
    }

    /// <summary>Broken documents: truncated, wrong roots, nesting, duplicate keys, escapes, byte-order mark.</summary>
    public static IEnumerable<HostileInput> Documents()
    {
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var sample = Encoding.UTF8.GetBytes(Sample().ToJsonString());
        foreach (var k in Enumerable.Range(1, 8))
        {
            var cut = sample.Length * k / 9 + k;
            yield return Input($"cut at byte {cut:N0} of {sample.Length:N0}", () => Encoding.UTF8.GetBytes(Sample().ToJsonString())[..cut]);
        }

        foreach (var root in new[] { "", " ", "null", "[]", "42", "\"lots\"", "{}", "{\"lots\":null}", "{\"decline\":null}", "<declaration/>", "lots=1&volume=2" })
            yield return Input($"document '{root}'", () => Utf8(root));
        yield return Input("nested 17 deep", () => Utf8("{\"lots\":" + new string('[', 16) + new string(']', 16) + "}"));
        yield return Input("UTF-8 byte-order mark", () => [0xEF, 0xBB, 0xBF, .. Utf8(Sample().ToJsonString())]);
        yield return Input("duplicate volume key", () => JsonSplice.DuplicateKey(Sample(), "lots[0]", "volume", "-5"u8.ToArray()));
        yield return Input("duplicate lots key", () => JsonSplice.DuplicateKey(Sample(), "", "lots", "\"all of them\""u8.ToArray()));
        yield return Input("lone surrogate in a key", () => JsonSplice.DuplicateKey(Sample(), "lots[0]", "\\ud800", "1"u8.ToArray()));
        yield return Input("lone surrogate in the decline", () => Utf8("{\"decline\":\"\\udfff\"}"));
        yield return Input("escaped NUL in the decline", () => Utf8("{\"decline\":\"no\\u0000thanks\"}"));
        yield return Input("trailing comma", () => Utf8("{\"decline\":\"no\",}"));
        yield return Input("comment", () => Utf8("{\"decline\":\"no\" /* why */}"));
        yield return Input("two documents", () => Utf8("{\"decline\":\"no\"}{\"decline\":\"yes\"}"));
    }
}
