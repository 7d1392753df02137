using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Cli.BidPacks;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>`tender bidpack build` from a real store: stored notice, imported members, saved declarations.</summary>
public sealed class BidPackCliTests : DatabaseTest
{
    private async Task<string> SeedAsync(string notice)
    {
        await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        var id = (await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(Path.Combine(BidPackFixture.OcdsFolder, notice))).Opportunities.Single().Id;
        var stored = (await new OpportunityQueries(Db.ConnectionString).FindAsync(id))!;
        var queries = new MemberQueries(Db.ConnectionString);
        var members = new List<BidPackMember>();
        foreach (var item in await queries.ListAsync())
            members.Add(new BidPackMember(item.Id, (await queries.FindAsync(item.Id))!.Member));
        var store = new DeclarationStore(Db.ConnectionString);
        foreach (var declaration in BidPackScenario.Declarations(stored.Opportunity, members, BidPackScenario.Terms(stored.Opportunity)))
            await store.SaveAsync(declaration with { OpportunityId = id });
        return id;
    }

    [Test]
    public async Task Build_writes_a_new_version_each_time_with_identical_bytes_for_identical_inputs()
    {
        var id = await SeedAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var first = await CliRunner.RunAsync(BidPackCommands.Create(), "bidpack", "build", id, "--data", Db.Folder, "--as-of", "2019-05-01");
        var second = await CliRunner.RunAsync(BidPackCommands.Create(), "bidpack", "build", "ocds-r6ebe6-0000567519", "--data", Db.Folder, "--as-of", "2019-05-01");
        var folder = Path.Combine(Db.Folder, "documents", id);
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
            Assert.That(first.Out, Does.Contain("bid pack version 1").And.Contain("pass    Pricing totals consistent").And.Contain("Every lot covered"));
            Assert.That(second.Out, Does.Contain("bid pack version 2"));
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "bid-pack-v2.docx")), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, "bid-pack-v1.docx"))));
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "pricing-v2.xlsx")), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, "pricing-v1.xlsx"))));
            Assert.That(File.Exists(Path.Combine(folder, "checks-v1.json")) && File.Exists(Path.Combine(folder, "checks-v2.json")), Is.True);
            Assert.That(Directory.EnumerateFiles(Path.Combine(folder, "subcontracts"), "*.docx").Select(Path.GetFileName), Has.Some.EqualTo("SC051234.docx"));
        });
    }

    [Test]
    public async Task Unknown_opportunities_and_bad_options_are_bad_input()
    {
        await SeedAsync("pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json");
        var unknown = await CliRunner.RunAsync(BidPackCommands.Create(), "bidpack", "build", "no-such-thing", "--data", Db.Folder);
        var date = await CliRunner.RunAsync(BidPackCommands.Create(), "bidpack", "build", "ocds-r6ebe6-0000575002", "--data", Db.Folder, "--as-of", "1st May");
        var settings = Db.File("settings.json", """{"managementFee": "40%", "wordLimits": {"cover": 10, "appendix": 5}}""");
        var badSettings = await CliRunner.RunAsync(BidPackCommands.Create(), "bidpack", "build", "ocds-r6ebe6-0000575002", "--data", Db.Folder, "--settings", settings);
        Assert.Multiple(() =>
        {
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Error, Does.Contain("no opportunity with id or OCID 'no-such-thing'"));
            Assert.That(date.ExitCode, Is.EqualTo(2));
            Assert.That(date.Error, Does.Contain("--as-of: '1st May' is not a date"));
            Assert.That(badSettings.ExitCode, Is.EqualTo(2));
            Assert.That(badSettings.Error, Does.Contain("settings.managementFee").And.Contain("settings.wordLimits.appendix: unknown section"));
        });
    }
}
