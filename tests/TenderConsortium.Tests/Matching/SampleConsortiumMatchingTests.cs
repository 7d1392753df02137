using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Matching;
using TenderConsortium.Core.Matching;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Matching;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Hosting;

namespace TenderConsortium.Tests.Matching;

/// <summary>Real notices from samples/notices against the sample consortium (samples/members/sample-consortium.csv).</summary>
public sealed class SampleConsortiumMatchingTests : DatabaseTest
{
    private async Task<MatchResult> MatchAsync(string noticeFile)
    {
        await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        var imported = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice(noticeFile));
        return (await new MatchingService(new MatchingSource(Db.ConnectionString)).MatchAsync(imported.Opportunities.Single().Id))!;
    }

    private static IEnumerable<string> Names(IEnumerable<MatchCandidate> candidates) => candidates.Select(c => c.Name);

    [Test]
    public async Task The_sample_consortium_imports_cleanly()
    {
        var result = await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        Assert.That(result.Created, Is.EqualTo(24));
    }

    [Test]
    public async Task Glasgow_residential_recovery_shortlists_registered_care_members_in_Glasgow()
    {
        var result = await MatchAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var abstinence = result.Lots.Single(l => l.LotId == "2");
        var excluded = abstinence.Excluded.ToDictionary(e => e.Name, e => e.Reasons);
        Assert.Multiple(() =>
        {
            Assert.That(result.Lots.Select(l => l.LotId), Is.EqualTo(new[] { "2", "1" }));
            Assert.That(abstinence.Requirements, Is.EqualTo(new[]
            {
                "PVG required: work with vulnerable people",
                "Care Inspectorate registration required: the notice asks for Care Inspectorate registration",
            }));
            Assert.That(Names(abstinence.Candidates), Is.EqualTo(new[]
            {
                "Clyde Recovery Community SCIO", "Saltire Social Care Partnership Ltd", "Govan Family Support SCIO", "Dennistoun Wellbeing Trust",
            }));
            Assert.That(abstinence.Candidates[0].Reasons, Is.EqualTo(new[]
            {
                "offers health and social work services (CPV 85000000), which this lot asks for",
                "the notice mentions detox, abstinence, drug",
                "serves Glasgow City",
                "PVG certified",
                "Care Inspectorate registered",
                "Real Living Wage accredited",
                "takes contracts up to 900k, part of the 2.5m lot",
            }));
            Assert.That(excluded["Merchant City Care Co-operative"], Is.EqualTo(new[] { "PVG expired on 2019-03-31, before the deadline 2019-06-11" }));
            Assert.That(excluded["Gorbals Recovery Cafe CIC"], Is.EqualTo(new[] { "no Care Inspectorate registration (the notice asks for Care Inspectorate registration)" }));
            Assert.That(excluded["Highland Home Carers Co-operative"], Is.EqualTo(new[] { "does not serve Glasgow City" }));
            Assert.That(abstinence.Gaps, Is.Empty);
            Assert.That(Names(result.Lots[1].Candidates), Is.EqualTo(Names(abstinence.Candidates)));
        });
    }

    [Test]
    public async Task NAC_mentoring_needs_PVG_and_checks_the_turnover_minimum_on_the_consortium()
    {
        var lot = (await MatchAsync("pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json")).Lots.Single();
        var excluded = lot.Excluded.ToDictionary(e => e.Name, e => e.Reasons);
        Assert.Multiple(() =>
        {
            Assert.That(lot.Requirements, Is.EqualTo(new[] { "PVG required: work with young people" }));
            Assert.That(lot.ConsortiumChecks, Has.Some.StartsWith("the bidder's turnover must be at least 660k"));
            Assert.That(Names(lot.Candidates), Is.EqualTo(new[] { "Irvine Bay Mentoring CIC", "Cumbrae Youth Trust" }));
            Assert.That(lot.Candidates[0].Reasons, Is.EqualTo(new[]
            {
                "offers secondary education services (CPV 80200000), which this lot asks for",
                "the notice mentions mentoring, experienced, attainment",
                "serves North Ayrshire",
                "PVG certified",
                "Real Living Wage accredited",
                "ISO 9001 certified",
                "takes contracts up to 500k, part of the 990k lot",
            }));
            Assert.That(excluded["Ayrshire Learning Partnership Ltd"], Is.EqualTo(new[] { "PVG expired on 2018-12-31, before the deadline 2019-05-28" }));
            Assert.That(excluded["Three Towns Mentoring SCIO"], Is.EqualTo(new[] { "no PVG (work with young people)" }));
            Assert.That(excluded.ContainsKey("Cumbrae Youth Trust"), Is.False, "a small member is not excluded by the bidder's turnover minimum");
            Assert.That(excluded["Dundee Digital Skills Co-operative"][0], Is.EqualTo("does not serve North Ayrshire"));
        });
    }

    [Test]
    public async Task NHS_Grampian_taxis_go_to_the_Aberdeen_transport_members()
    {
        var result = await MatchAsync("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json");
        Assert.Multiple(() =>
        {
            foreach (var lot in result.Lots)
            {
                Assert.That(Names(lot.Candidates), Is.EqualTo(new[] { "Granite City Taxis Co-operative", "Bon Accord Accessible Travel CIC" }), lot.LotId);
                Assert.That(lot.Requirements, Is.Empty);
                Assert.That(lot.Candidates[1].Reasons[0], Is.EqualTo("offers special-purpose road passenger-transport services (CPV 60130000), related to the taxi services (CPV 60120000) this lot asks for"));
                Assert.That(lot.Excluded.Select(e => (e.Name, e.Reasons.Single())), Is.EqualTo(new[] { ("Deeside Community Transport SCIO", "does not serve Aberdeen City") }));
            }
        });
    }

    [Test]
    public async Task A_notice_outside_Scotland_shows_the_gap()
    {
        var lot = (await MatchAsync("cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json")).Lots.Single();
        Assert.Multiple(() =>
        {
            Assert.That(lot.Candidates, Is.Empty);
            Assert.That(lot.Gaps, Has.Some.EndsWith("but none serves DY1 1HF or West Midlands for lot 1"));
            Assert.That(lot.Gaps, Has.None.StartsWith("no member covers CPV"), "members do this work; the place is what is missing");
        });
    }

    [Test]
    public async Task Tender_match_json_prints_one_object_with_the_lots()
    {
        await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        var imported = await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Notice("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json"));
        var run = await CliRunner.RunAsync(MatchCommand.Create(), "match", imported.Opportunities.Single().Opportunity.Ocid, "--data", Db.Folder, "--json");
        using var json = JsonDocument.Parse(run.Out);
        var lot = json.RootElement.GetProperty("lots")[0];
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(json.RootElement.GetProperty("opportunity").GetString(), Is.EqualTo(imported.Opportunities.Single().Id));
            Assert.That(lot.GetProperty("lotId").GetString(), Is.EqualTo("1"));
            Assert.That(lot.GetProperty("candidates")[0].GetProperty("name").GetString(), Is.EqualTo("Granite City Taxis Co-operative"));
            Assert.That(lot.GetProperty("candidates")[0].GetProperty("memberId").GetString(), Is.Not.Empty);
            Assert.That(lot.GetProperty("excluded")[0].GetProperty("reasons")[0].GetString(), Is.EqualTo("does not serve Aberdeen City"));
            Assert.That(lot.GetProperty("gaps").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Tender_match_of_an_unknown_opportunity_is_bad_input()
    {
        var run = await CliRunner.RunAsync(MatchCommand.Create(), "match", "nope", "--data", Db.Folder, "--json");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.Trim(), Is.EqualTo("error: no opportunity with id or OCID 'nope'"));
        });
    }

    [Test]
    public void The_domain_registers_MatchPartners_in_the_runtime_catalogue()
    {
        var services = new ServiceCollection().AddWorkflowRuntime(Db.ConnectionString).AddTenderDomain(Db.ConnectionString, new byte[32]).BuildServiceProvider();
        var catalogue = services.GetRequiredService<ActivityCatalogue>();
        Assert.Multiple(() =>
        {
            Assert.That(catalogue.TryGet("MatchPartners", out var activity), Is.True);
            Assert.That(activity.Descriptor.Properties.Select(p => p.Name), Is.EqualTo(new[] { "opportunity", "output" }));
            Assert.That(services.GetRequiredService<IMatchingSource>(), Is.InstanceOf<MatchingSource>());
        });
    }
}
