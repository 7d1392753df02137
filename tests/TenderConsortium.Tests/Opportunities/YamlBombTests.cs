using System.Diagnostics;
using System.Text;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Opportunities;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>
/// YAML alias bombs: a few hundred kilobytes whose aliases expand to gigabytes. Each is refused in well under a second
/// and without the expansion ever being built (the allocation of the whole refusal is measured).
/// </summary>
[NonParallelizable] // the allocation figure counts every thread of the process
public sealed class YamlBombTests : DatabaseTest
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    /// <summary>One 200 KB text anchored once and aliased 10,000 times: 2 GB once expanded, 250 KB as sent.</summary>
    public static string FanOut()
    {
        var yaml = new StringBuilder("format: tender-notice/1\nreference: BOMB-1\nbuyer: Fife Council\ntitle: &t \"");
        yaml.Append('x', 200_000).Append("\"\nlots:\n");
        for (var i = 0; i < 10_000; i++) yaml.Append("  - *t\n");
        return yaml.ToString();
    }

    /// <summary>The classic "billion laughs": nine levels of ten aliases each.</summary>
    public static string Laughs()
    {
        var yaml = new StringBuilder("format: tender-notice/1\na0: &a0 \"lol\"\n");
        for (var level = 1; level <= 9; level++)
            yaml.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        return yaml.Append("title: *a9\n").ToString();
    }

    [TestCase("fan-out of one long text", "aliases (*name) repeat more than 1 MB of text")]
    [TestCase("billion laughs", "the YAML expands to more than 100,000 values")]
    public async Task An_alias_bomb_is_refused_quickly_without_expanding(string kind, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(kind.StartsWith("fan", StringComparison.Ordinal) ? FanOut() : Laughs());
        await Read(Encoding.UTF8.GetBytes("format: tender-notice/1\nreference: W\nbuyer: B\ntitle: T\n")); // warm the path

        // Three times: the machine may be shared, so the fastest refusal is the reader's own cost; each is measured apart.
        var times = new List<TimeSpan>();
        var allocations = new List<long>();
        BadInputException? refusal = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            refusal = Assert.ThrowsAsync<BadInputException>(() => Read(bytes));
            times.Add(clock.Elapsed);
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocated);
        }

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Message, Does.Contain(expected));
            Assert.That(times.Min(), Is.LessThan(TimeSpan.FromSeconds(1)), $"{bytes.Length:N0} bytes refused in {string.Join(", ", times)}");
            Assert.That(allocations.Max(), Is.LessThan(FiftyMegabytes), $"{string.Join(", ", allocations.Select(a => a.ToString("N0")))} bytes allocated to refuse {bytes.Length:N0}");
        });
    }

    [Test]
    public async Task Aliases_that_save_typing_still_work()
    {
        var yaml = """
            format: tender-notice/1
            reference: QQ-ALIAS
            buyer: Fife Council
            title: Grounds maintenance
            lots:
              - id: "1"
                title: Kirkcaldy
                places: &fife [Fife]
                criteria: &criteria
                  - {type: quality, name: Method statement, weight: 60}
                  - {type: price, weight: 40}
              - id: "2"
                title: Glenrothes
                places: *fife
                criteria: *criteria
            """;
        var notices = await Read(Encoding.UTF8.GetBytes(yaml));
        Assert.That(notices.Single().Opportunity.Lots.Select(l => l.AwardCriteria.Count), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void A_key_twice_in_one_mapping_is_refused_with_its_line()
    {
        var refusal = Assert.ThrowsAsync<BadInputException>(() => Read(Encoding.UTF8.GetBytes("format: tender-notice/1\nvalue: {amount: 1, 'amount': 2}\n")));
        Assert.That(refusal!.Message, Does.Contain("line 2"));
        Assert.That(refusal.Message, Does.Contain("appears twice").Or.Contain("Duplicate key"));
    }

    [Test]
    public async Task The_cli_refuses_a_bomb_with_exit_2_in_under_a_second()
    {
        var file = Path.Combine(Db.Folder, "bomb.yaml");
        await File.WriteAllTextAsync(file, FanOut());
        var warm = await CliRunner.RunAsync(OpportunityCommands.Create(), ["opportunity", "import", RepoFiles.Notice("quick-quote-example.yaml"), "--data", Db.Folder]);
        Assert.That(warm.ExitCode, Is.EqualTo(CliExit.Ok), warm.Error);
        var times = new List<TimeSpan>();
        CliResult run = null!;
        for (var attempt = 0; attempt < 3; attempt++) // the fastest of three: the machine may be shared
        {
            var clock = Stopwatch.StartNew();
            run = await CliRunner.RunAsync(OpportunityCommands.Create(), ["opportunity", "import", file, "--data", Db.Folder]);
            times.Add(clock.Elapsed);
        }

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.BadInput), run.Out);
            Assert.That(run.Error, Does.Contain("aliases (*name) repeat more than 1 MB of text"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
            Assert.That(times.Min(), Is.LessThan(TimeSpan.FromSeconds(1)), string.Join(", ", times));
        });
    }

    private static async Task<List<ImportedNotice>> Read(byte[] bytes)
    {
        var notices = new List<ImportedNotice>();
        var problems = new IntakeProblems(IntakeOptions.Default);
        await foreach (var notice in new NoticeReader().ReadAsync(new MemoryStream(bytes), "notice.yaml", problems)) notices.Add(notice);
        if (problems.HasErrors) throw new BadInputException(problems.Errors.Select(e => e.ToString()!).ToList());
        return notices;
    }
}
