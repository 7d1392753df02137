using System.Text.Json;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Opportunities;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>`tender opportunity …` run in-process against a real SQLite file.</summary>
public sealed class OpportunityCliTests : DatabaseTest
{
    private Task<CliResult> Tender(params string[] args) => CliRunner.RunAsync(OpportunityCommands.Create(), ["opportunity", .. args, "--data", Db.Folder]);

    [Test]
    public async Task Import_with_json_prints_exactly_one_object_in_the_documented_shape()
    {
        var run = await Tender("import", RepoFiles.Notice("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json"), "--json");
        Assert.That(run.ExitCode, Is.EqualTo(CliExit.Ok), run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var lot = root.GetProperty("lots").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "1");
        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "ocid", "title", "buyer", "reference", "value", "deadline", "lots", "suitability", "communityBenefits", "consortiaWelcome",
                "minValue", "mainCpv", "deadlineDateOnly", "communityBenefitsEvidence", "consortiaWelcomeEvidence", "submission", "insurance", "staff", "recurrence", "documents", "warnings" }));
            Assert.That(root.GetProperty("ocid").GetString(), Is.EqualTo("ocds-r6ebe6-0000567519"));
            Assert.That(root.GetProperty("buyer").GetString(), Is.EqualTo("Glasgow City Council"));
            Assert.That(root.GetProperty("value").GetProperty("amount").GetDecimal(), Is.EqualTo(7_500_000m));
            Assert.That(root.GetProperty("value").GetProperty("currency").GetString(), Is.EqualTo("GBP"));
            Assert.That(root.GetProperty("deadline").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2019, 6, 11, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(root.GetProperty("suitability").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("communityBenefits").GetBoolean(), Is.True);
            Assert.That(lot.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "title", "value", "cpv", "places", "criteria", "mainCpv", "deliveryText" }));
            Assert.That(lot.GetProperty("value").GetProperty("amount").GetDecimal(), Is.EqualTo(5_000_000m));
            Assert.That(lot.GetProperty("cpv")[0].GetString(), Is.EqualTo("85000000"));
            Assert.That(lot.GetProperty("places")[0].GetString(), Is.EqualTo("S12000049"));
            Assert.That(lot.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("weight").GetDecimal()), Is.EqualTo(new[] { 70m, 30m }));
            Assert.That(lot.GetProperty("criteria")[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "type", "name", "weight" }));
        });
    }

    [Test]
    public async Task Import_json_gives_null_value_and_range_weights_where_the_notice_has_them()
    {
        var taxi = await Tender("import", RepoFiles.Notice("pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json"), "--json");
        var bike = await Tender("import", RepoFiles.Notice("pcs-ocds-r6ebe6-0000578690-bikeability-32-lots.json"), "--json");
        using var taxiDoc = JsonDocument.Parse(taxi.Out);
        using var bikeDoc = JsonDocument.Parse(bike.Out);
        var weight = bikeDoc.RootElement.GetProperty("lots")[0].GetProperty("criteria")[0].GetProperty("weight");
        Assert.Multiple(() =>
        {
            Assert.That(taxiDoc.RootElement.GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(taxiDoc.RootElement.GetProperty("lots")[1].GetProperty("criteria")[0].GetProperty("weight").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That((weight.GetProperty("min").GetDecimal(), weight.GetProperty("max").GetDecimal()), Is.EqualTo((15m, 40m)));
            Assert.That(bikeDoc.RootElement.GetProperty("lots").GetArrayLength(), Is.EqualTo(32));
        });
    }

    [Test]
    public async Task Contracts_Finder_suitability_appears_in_the_json()
    {
        var run = await Tender("import", RepoFiles.Notice("cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json"), "--json");
        using var doc = JsonDocument.Parse(run.Out);
        var suitability = doc.RootElement.GetProperty("suitability");
        Assert.That((suitability.GetProperty("sme").GetBoolean(), suitability.GetProperty("vcse").GetBoolean()), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Bad_input_exits_2_with_the_message_on_stderr_and_stores_nothing()
    {
        var path = Db.File("bad.json", NoticeSamples.ReleaseNode().Set("tender.value.amount", -10).ToJsonString());
        var run = await Tender("import", path, "--json");
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(run.Error.Trim(), Is.EqualTo("error: tender.value.amount: must not be negative, found -10"));
            Assert.That(run.Out, Is.Empty);
            Assert.That(await new OpportunityQueries(Db.ConnectionString).CountAsync(), Is.Zero);
        });
    }

    [TestCase("truncated.json", "{\"ocid\": \"x\", \"tender\": {", "error: the JSON ends early")]
    [TestCase("text.json", "hello", "error: not valid JSON at line 1")]
    [TestCase("empty.json", "", "error: the file is empty")]
    public async Task Broken_files_exit_2_without_a_stack_trace(string name, string content, string expected)
    {
        var run = await Tender("import", Db.File(name, content));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.BadInput));
            Assert.That(run.Error, Does.StartWith(expected));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task Warnings_go_to_stderr_and_stdout_stays_one_json_object()
    {
        var path = Db.File("odd.json", NoticeSamples.ReleaseNode().Set("tender.classification.id", "99999999").ToJsonString());
        var run = await Tender("import", path, "--json");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.Ok));
            Assert.That(run.Error, Does.Contain("warning: tender.classification.id: 99999999 is not in the CPV 2008 list; kept as published"));
            Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("lots")[0].GetProperty("cpv")[0].GetString(), Is.EqualTo("99999999"));
        });
    }

    [Test]
    public async Task A_package_prints_counts_and_every_opportunity()
    {
        var path = Db.File("p.json", NoticeSamples.Package(NoticeSamples.ReleaseNode(), NoticeSamples.ReleaseNode().WithOcid("ocds-test-0002")));
        var run = await Tender("import", path, "--json");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(doc.RootElement.GetProperty("created").GetInt32(), Is.EqualTo(2));
            Assert.That(doc.RootElement.GetProperty("opportunities").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task List_and_show_read_back_what_was_imported()
    {
        await Tender("import", RepoFiles.Notice("s2w-ocds-kuma6s-148317-gp-primary-care-parc-prison.json"));
        var text = await Tender("list");
        var list = await Tender("list", "--json");
        var show = await Tender("show", "ocds-kuma6s-148317", "--json");
        var showText = await Tender("show", "ocds-kuma6s-148317");
        using var listDoc = JsonDocument.Parse(list.Out);
        using var showDoc = JsonDocument.Parse(show.Out);
        Assert.Multiple(() =>
        {
            Assert.That(text.Out, Does.Contain("GP In & Out of Hours Primary Care Parc Prison"));
            Assert.That(listDoc.RootElement.GetProperty("opportunities")[0].GetProperty("lots").GetInt32(), Is.EqualTo(2));
            Assert.That(showDoc.RootElement.GetProperty("opportunity").GetProperty("consortiaWelcome").GetBoolean(), Is.True);
            Assert.That(showDoc.RootElement.GetProperty("history").GetArrayLength(), Is.EqualTo(1));
            Assert.That(showText.Out, Does.Contain("consortia welcome"));
        });
    }

    [Test]
    public async Task Show_of_an_unknown_id_exits_2()
    {
        var run = await Tender("show", "nope");
        Assert.That((run.ExitCode, run.Error.Trim()), Is.EqualTo((CliExit.BadInput, "error: no opportunity with id or OCID 'nope'")));
    }

    [Test]
    public async Task Import_without_json_prints_a_readable_summary()
    {
        var run = await Tender("import", RepoFiles.Notice("quick-quote-example.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CliExit.Ok), run.Error);
            Assert.That(run.Out, Does.Contain("Imported 1 opportunity: 1 created"));
            Assert.That(run.Out, Does.Contain("Grounds maintenance for sheltered housing"));
            Assert.That(run.Out, Does.Contain("Fife"));
        });
    }
}
