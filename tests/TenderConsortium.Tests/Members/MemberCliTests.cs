using System.Text.Json;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Members;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Members;

/// <summary>`tender members …` run in-process against a real SQLite file.</summary>
public sealed class MemberCliTests : DatabaseTest
{
    private Task<CliResult> Tender(params string[] args) => CliRunner.RunAsync(MemberCommands.Create(), ["members", .. args]);

    [Test]
    public async Task Import_list_and_show_the_example_registry()
    {
        var import = await Tender("import", RepoFiles.Member("example-members.csv"), "--json", "--data", Db.Folder);
        var list = await Tender("list", "--json", "--data", Db.Folder);
        var table = await Tender("list", "--data", Db.Folder);
        var show = await Tender("show", "SC049876", "--data", Db.Folder);
        using var importDoc = JsonDocument.Parse(import.Out);
        using var listDoc = JsonDocument.Parse(list.Out);
        Assert.Multiple(() =>
        {
            Assert.That(import.ExitCode, Is.EqualTo(CliExit.Ok), import.Error);
            Assert.That(importDoc.RootElement.GetProperty("created").GetInt32(), Is.EqualTo(5));
            Assert.That(importDoc.RootElement.GetProperty("dryRun").GetBoolean(), Is.False);
            Assert.That(listDoc.RootElement.GetProperty("members").GetArrayLength(), Is.EqualTo(5));
            Assert.That(table.Out, Does.Contain("Ayrshire Community Transport"));
            Assert.That(show.Out, Does.Contain("Fife Growers SCIO (SCIO, SC049876), asset-locked"));
            Assert.That(show.Out, Does.Contain("areas Fife"));
        });
    }

    [Test]
    public async Task Consortium_option_imports_into_that_consortium_and_lists_only_its_members()
    {
        var alpha = await new ConsortiumStore(Db.ConnectionString).EnsureAsync("Alpha");
        var intoAlpha = await Tender("import", RepoFiles.Member("example-members.csv"), "--consortium", "Alpha", "--data", Db.Folder);
        var intoDefault = await Tender("import", RepoFiles.Member("example-members.csv"), "--json", "--data", Db.Folder);
        var alphaList = await Tender("list", "--json", "--consortium", "alpha", "--data", Db.Folder);
        var everyone = await Tender("list", "--json", "--data", Db.Folder);
        var unknown = await Tender("import", RepoFiles.Member("example-members.csv"), "--consortium", "Nobody", "--data", Db.Folder);
        var sameByCase = await new ConsortiumStore(Db.ConnectionString).EnsureAsync("ALPHA");
        using var defaultDoc = JsonDocument.Parse(intoDefault.Out);
        using var alphaDoc = JsonDocument.Parse(alphaList.Out);
        using var everyoneDoc = JsonDocument.Parse(everyone.Out);
        Assert.Multiple(async () =>
        {
            Assert.That(intoAlpha.ExitCode, Is.EqualTo(CliExit.Ok), intoAlpha.Error);
            Assert.That(defaultDoc.RootElement.GetProperty("created").GetInt32(), Is.EqualTo(5), "the same registration numbers are other members in another consortium");
            Assert.That(alphaDoc.RootElement.GetProperty("members").GetArrayLength(), Is.EqualTo(5));
            Assert.That(everyoneDoc.RootElement.GetProperty("members").GetArrayLength(), Is.EqualTo(10));
            Assert.That(await new MemberQueries(Db.ConnectionString).CountAsync(alpha.Id), Is.EqualTo(5));
            Assert.That(sameByCase.Id, Is.EqualTo(alpha.Id), "a name in another case is the same consortium");
            Assert.That(unknown.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(unknown.Error, Does.Contain("--consortium: no consortium 'Nobody'"));
        });
    }

    [Test]
    public async Task A_data_folder_that_cannot_be_used_exits_2_with_one_line()
    {
        var file = Db.File("not-a-folder", "x");
        var broken = Path.Combine(Db.Folder, "broken");
        Directory.CreateDirectory(broken);
        await File.WriteAllTextAsync(Path.Combine(broken, "tender.db"), "this is not a SQLite database, it is a note someone saved here");

        var underFile = await Tender("list", "--data", Path.Combine(file, "sub"));
        var notDatabase = await Tender("list", "--data", broken);
        Assert.Multiple(() =>
        {
            Assert.That(underFile.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(underFile.Error, Does.StartWith("error: --data: cannot use").And.Not.Contain("   at "));
            Assert.That(notDatabase.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(notDatabase.Error, Does.StartWith("error: --data/--db: cannot open the database").And.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task Bad_rows_exit_2_each_named_and_nothing_is_stored()
    {
        var csv = (await File.ReadAllTextAsync(RepoFiles.Member("example-members.csv")))
            .Replace("euan@fifegrowers.scot", "euan-at-fifegrowers")
            .Replace("410000", "-410000");
        var run = await Tender("import", Db.File("m.csv", csv), "--data", Db.Folder);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(run.Error, Does.Contain("error: line 3, column contact_email: 'euan-at-fifegrowers' is not an email address"));
            Assert.That(run.Error, Does.Contain("error: line 4, column annual_turnover: must not be negative"));
            Assert.That(await new MemberQueries(Db.ConnectionString).CountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task Dry_run_reports_and_stores_nothing()
    {
        var run = await Tender("import", RepoFiles.Member("example-members.csv"), "--dry-run", "--data", Db.Folder);
        Assert.Multiple(async () =>
        {
            Assert.That(run.Out, Does.Contain("Dry run: 5 members checked; would create 5"));
            Assert.That(await new MemberQueries(Db.ConnectionString).CountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task Generate_writes_a_registry_that_imports_cleanly()
    {
        var path = Path.Combine(Db.Folder, "registry.csv");
        var generate = await Tender("generate", "--count", "250", "--seed", "11", "--out", path);
        var import = await Tender("import", path, "--json", "--data", Db.Folder);
        Assert.Multiple(() =>
        {
            Assert.That(generate.Out.Trim(), Is.EqualTo($"Wrote 250 members to {path}"));
            Assert.That(File.ReadLines(path).Count(), Is.EqualTo(251));
            Assert.That(import.ExitCode, Is.EqualTo(CliExit.Ok), import.Error);
            Assert.That(JsonDocument.Parse(import.Out).RootElement.GetProperty("created").GetInt32(), Is.EqualTo(250));
        });
    }

    [Test]
    public async Task Generate_refuses_a_count_of_zero()
    {
        var run = await Tender("generate", "--count", "0", "--out", Path.Combine(Db.Folder, "x.csv"));
        Assert.That((run.ExitCode, run.Error.Trim()), Is.EqualTo((CliExit.BadInput, "error: --count: expected a positive number, found 0")));
    }
}
