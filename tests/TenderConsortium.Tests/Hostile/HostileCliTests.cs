using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Cli.Declarations;
using TenderConsortium.Cli.Members;
using TenderConsortium.Cli.Opportunities;
using TenderConsortium.Tests.Declarations;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// Hostile files through the real `tender` commands, in-process: bad input exits 2 with one `error:` line per problem
/// naming the place, and never a stack trace.
/// </summary>
[NonParallelizable]
public sealed class HostileCliTests
{
    private BidHarness _bid = null!;
    private string _opportunity = null!;
    private string _member = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bid = await BidHarness.CreateAsync();
        _opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        // The CLI runs on the real clock, so the round must still be open today.
        await _bid.StartAsync(_opportunity, new JsonObject { ["declarationPeriod"] = "P3650D", ["lotTerms"] = DeclarationCorpus.LotTerms() });
        _member = (await _bid.InvitedAsync(_opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).First().MemberId;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string command, string fileName, Func<byte[]> content) =>
            new TestCaseData(command, fileName, content).SetName($"cli {command}: {name}");
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        yield return Case("truncated OCDS release", "opportunity", "notice.json", () => File.ReadAllBytes(RepoFiles.Notice(NoticeCorpus.Glasgow))[..500]);
        yield return Case("lone surrogate in the title", "opportunity", "notice.json", () => JsonSplice.Replace(JsonNode.Parse(File.ReadAllBytes(RepoFiles.Notice(NoticeCorpus.Glasgow)))!, "tender.title", "\"\\ud800\""u8.ToArray()));
        yield return Case("invalid UTF-8 in the title", "opportunity", "notice.json", () => JsonSplice.Replace(JsonNode.Parse(File.ReadAllBytes(RepoFiles.Notice(NoticeCorpus.Glasgow)))!, "tender.title", [(byte)'"', 0xFF, (byte)'"']));
        yield return Case("nested 10,000 deep", "opportunity", "notice.json", () => Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Case("empty file", "opportunity", "notice.json", () => []);
        yield return Case("YAML bomb", "opportunity", "notice.yaml", () => NoticeCorpus.Yaml().First().Content());
        yield return Case("unbalanced quote", "members", "members.csv", () => Utf8(File.ReadAllText(RepoFiles.Member("sample-consortium.csv")) + "\"Unclosed CIC,CIC,SC9,A,a@b.org\n"));
        yield return Case("Windows-1252 text", "members", "members.csv", () => [.. File.ReadAllBytes(RepoFiles.Member("sample-consortium.csv")), .. Encoding.Latin1.GetBytes("Caf\u00e9 CIC,CIC,SC777777,Ann,ann@cafe.org,,,,,,,,,,\n")]);
        yield return Case("lone surrogate in JSON", "members", "members.json", () => "[{\"name\":\"\\ud800\",\"legalForm\":\"CIC\",\"registrationNumber\":\"SC1\"}]"u8.ToArray());
        yield return Case("wrong extension", "members", "members.txt", () => Utf8("name\nx\n"));
        yield return Case("volume 1e400", "declare", "declaration.json", () => JsonSplice.Replace(DeclarationCorpus.Sample(), "lots[0].volume", "1e400"u8.ToArray()));
        yield return Case("lone surrogate in a key role", "declare", "declaration.json", () => JsonSplice.Replace(DeclarationCorpus.Sample(), "lots[0].keyRoles[0]", "\"\\ud800\""u8.ToArray()));
        yield return Case("truncated", "declare", "declaration.json", () => Utf8(DeclarationCorpus.Sample().ToJsonString())[..100]);
        yield return Case("nested 10,000 deep", "declare", "declaration.json", () => Utf8(new string('[', 10_000) + new string(']', 10_000)));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Bad_input_exits_2_with_error_lines_and_no_stack_trace(string command, string fileName, Func<byte[]> content)
    {
        var file = Path.Combine(_bid.Db.Folder, Guid.NewGuid().ToString("N") + "-" + fileName);
        await File.WriteAllBytesAsync(file, content());
        var result = command switch
        {
            "opportunity" => await CliRunner.RunAsync(OpportunityCommands.Create(), "opportunity", "import", file, "--data", _bid.Db.Folder),
            "members" => await CliRunner.RunAsync(MemberCommands.Create(), "members", "import", file, "--data", _bid.Db.Folder),
            _ => await CliRunner.RunAsync(DeclareCommand.Create(), "declare", "--opportunity", _opportunity, "--member", _member, "--file", file, "--data", _bid.Db.Folder),
        };

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
            Assert.That(result.Error, Does.StartWith("error: "));
            Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
            foreach (var line in result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Assert.That(line, Does.StartWith("error: ").Or.StartWith("warning: "));
                if (line.StartsWith("error: ", StringComparison.Ordinal)) Refusal.AssertSpecific(line["error: ".Length..], $"{command} {fileName}");
            }
        });
    }

    [Test]
    public void The_corpus_has_at_least_300_cases_across_kinds()
    {
        var counts = new Dictionary<string, int>
        {
            ["notices"] = NoticeCorpus.All().Count(),
            ["members"] = MemberCorpus.All().Count(),
            ["declarations"] = DeclarationCorpus.All().Count(),
            ["cli"] = Cases().Count(),
        };
        TestContext.Out.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Assert.That(counts.Values.Sum(), Is.GreaterThanOrEqualTo(300));
        Assert.That(counts.Values, Is.All.GreaterThanOrEqualTo(10));
    }
}
