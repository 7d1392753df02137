using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Documents.Revisions;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Flow;

/// <summary>
/// `tender demo` runs the whole lead-partner bid on sample data in a real process; the reliability suite kills it with
/// SIGKILL at 20 points (between and inside stages, during outbox delivery, while writing documents) and runs it again:
/// it completes with the same documents and exactly one email per (event, recipient).
/// </summary>
[NonParallelizable]
public sealed class BidDemoTests
{
    private static readonly string[] Stages =
    [
        "Intake", "Matching", "Invitations", "Declarations", "Allocation", "Lead approval", "Member consent", "Assembly", "Adviser review",
        "Revision by the lead", "Submission", "Outcome", "Sub-contracts",
    ];

    /// <summary>Twenty places to die: before each step of the definition, just after a resume commits, mid-delivery, mid-document.</summary>
    public static IEnumerable<TestCaseData> CrashPointCases() =>
        new[]
        {
            "before-activity:intake", "before-activity:match", "before-activity:shortlist-check", "before-activity:invite", "before-activity:declarations",
            "before-activity:allocate", "before-activity:approval", "before-activity:consent", "before-activity:first-pass", "before-activity:mark-watching",
            "before-activity:watch", "before-activity:assemble", "before-activity:review", "before-activity:revise-route", "before-activity:submission",
            "before-activity:outcome", "before-activity:subcontracts", "resume-committed", "outbox-delivered", "document-written",
        }.Select(point => new TestCaseData(point).SetName($"Killed at {point}, the demo completes on restart"));

    private const string Ocid = "ocds-r6ebe6-0000567519";

    private string _data = null!;

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-demo", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task The_demo_runs_a_whole_bid_from_the_notice_to_issued_subcontracts()
    {
        var (exit, output) = await TenderProcess.RunAsync(Args(), Environment(), timeoutSeconds: 180);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("The bid is complete"));
        foreach (var stage in Stages) Assert.That(output, Does.Contain($"Stage: {stage}"), stage);
        await AssertCompleteAsync();
        var subcontractMails = Directory.GetFiles(Path.Combine(_data, "outbox"), "*.eml")
            .Select(File.ReadAllText).Where(t => t.Contains("Subject: Your sub-contract to sign", StringComparison.Ordinal)).ToList();
        Assert.That(subcontractMails, Has.Count.EqualTo(3));
        Assert.That(subcontractMails, Has.All.Contains("Content-Disposition: attachment").And.All.Contains(".docx"));
    }

    [Test]
    public async Task Serve_on_an_empty_data_folder_seeds_the_demo_up_to_the_review_and_prints_working_links()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();
        using var serve = TenderProcess.Start(["serve", "--data", _data, "--urls", url, "--workflows", TenderProcess.WorkflowsFolder]);
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!serve.Output.Contains("serving on", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > until) Assert.Fail("serve did not start: " + serve.Output);
            await Task.Delay(200);
        }

        using var probe = new HttpClient();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync(url + "/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
            }

            await Task.Delay(200);
        }

        var output = serve.Output;
        string Link(string pattern) => System.Text.RegularExpressions.Regex.Match(output, pattern).Value;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var member = await http.GetAsync(Link(@"http://\S+/d/[A-Za-z0-9_-]{43}"));
        var signIn = await ApiAuth.RedeemLinkAsync(http, Link(@"http://\S+/sign-in/verify\?token=\S+"));
        Assert.Multiple(async () =>
        {
            Assert.That(output, Does.Contain("seeding the demo bid"));
            Assert.That(member.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the member's link opens its page");
            Assert.That(signIn.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Redirect), "the lead's sign-in link signs in");
            Assert.That(signIn.Headers.Location?.ToString(), Does.EndWith("/lead"));
            await using var db = new WorkflowDbContext(WorkflowDatabase.Options(DatabaseConnection.ForDataFolder(_data)));
            Assert.That(await db.Bookmarks.Select(b => b.Name).ToListAsync(), Does.Contain("adviser-review"), "the demo waits for the adviser");
        });
    }

    [TestCaseSource(nameof(CrashPointCases))]
    public async Task The_demo_completes_after_a_kill(string point)
    {
        using (var first = TenderProcess.Start(Args(), new Dictionary<string, string>(Environment()) { [CrashPoints.Variable] = point }))
        {
            await first.KillWhenPausedAsync(TimeSpan.FromSeconds(120));
        }

        var (exit, output) = await TenderProcess.RunAsync(Args(), Environment(), timeoutSeconds: 180);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("The bid is complete"));
        await AssertCompleteAsync();
    }

    /// <summary>
    /// The demo's final pack read as the adviser reads it (the .docx text, section by section): the lead body as the
    /// single bidder with its 4C.10 and the members under Part II.C, no stand-in text, certificates valid and a price
    /// near the buyer's estimate, one compliance row per criterion, the revision the adviser asked for visible between
    /// versions, and every failed check accepted with a reason on the approval and the submission.
    /// </summary>
    [Test]
    public async Task The_demo_pack_is_one_an_adviser_could_sign()
    {
        var (exit, output) = await TenderProcess.RunAsync(Args(), Environment(), timeoutSeconds: 180);
        Assert.That(exit, Is.EqualTo(0), output);
        var documents = Directory.GetDirectories(Path.Combine(_data, "documents")).Single();
        var v1 = PackSections.Read(Path.Combine(documents, "bid-pack-v1.docx"));
        var v2 = PackSections.Read(Path.Combine(documents, "bid-pack-v2.docx"));
        var text = string.Join("\n", v2.SelectMany(section => section.Lines.Prepend(section.Heading)));
        var spd = v2.Single(section => section.Heading == "8. SPD checklist").Lines;
        var compliance = v2.Single(section => section.Heading == "5. Compliance matrix").Lines.Skip(2).ToList();
        using var checksJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(documents, "checks-v2.json")));
        var checks = checksJson.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => (Status: c.GetProperty("status").GetString(), Detail: c.GetProperty("detail").GetString()!));
        var (_, shown) = await TenderProcess.RunAsync(["bid", "show", Ocid, "--json", "--data", _data]);
        var bid = JsonNode.Parse(shown)!;

        Assert.Multiple(() =>
        {
            Assert.That(spd, Has.Some.StartsWith("Role: Clyde Social Enterprise Consortium Ltd is the single bidder and prime contractor. Part II.A: it does not participate together with others"));
            Assert.That(spd, Has.Some.Match(@"^Sub-contracting: 4C\.10: 9\d\.\d% of the contract value"));
            Assert.That(spd, Has.Some.EqualTo("Part II.C, sub-contractors whose capacity is relied on for the selection criteria: Clyde Recovery Community SCIO; Govan Family Support SCIO; "
                                               + "Saltire Social Care Partnership Ltd. Each supplies its own SPD Parts II.A–B and III, and the sections of Part IV relied on. Part II.D, sub-contractors not relied on: none."));
            Assert.That(text, Does.Not.Contain("Members of the group").And.Not.Contain("not yet given").And.Not.Contain("{{").And.Not.Contain("}}")
                .And.Not.Contain("example").And.Not.Contain("TODO"));
            Assert.That(checks["lead-facts"].Status, Is.EqualTo("pass"));
            Assert.That(checks["certifications"], Is.EqualTo(("pass", checks["certifications"].Detail)), checks["certifications"].Detail);
            Assert.That(checks["price-sanity"].Status, Is.EqualTo("pass"), checks["price-sanity"].Detail);
            Assert.That(checks["price-sanity"].Detail, Does.Match(@"is \d+% of the buyer's estimate of £7,500,000\.00\. Prices are for the whole contract \(2\.96 years"));
            // The notice's one selection criterion, then two award criteria for each of its two lots, each once.
            Assert.That(compliance.Count(row => row.Contains(" | selection | ", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", compliance));
            Assert.That(compliance.Count(row => row.Contains(" | award | ", StringComparison.Ordinal)), Is.EqualTo(4), string.Join("\n", compliance));
            Assert.That(compliance.Where(row => row.Contains(" | award | ", StringComparison.Ordinal)).Select(row => string.Join('|', row.Split(" | ").Take(4))), Is.Unique);
            Assert.That(PackChanges.Compare(1, v1, 2, v2).Changed.Select(c => c.Heading), Does.Contain("4. Member capability statements"),
                "the change the adviser asked for is in version 2");
            var failed = checks.Where(c => c.Value.Status == "fail").Select(c => c.Key).ToList();
            Assert.That(bid["adviserAccepted"]!.AsArray().Select(a => a!["check"]!.GetValue<string>()), Is.EqualTo(failed));
            Assert.That(bid["submission"]!["acceptedChecks"]!.AsArray().Select(a => a!["check"]!.GetValue<string>()), Is.EqualTo(failed));
        });
    }

    private string[] Args() => ["demo", "--data", _data, "--workflows", TenderProcess.WorkflowsFolder];

    // A delivery claim of a killed process expires quickly so that the restart can take it over.
    private static Dictionary<string, string> Environment() => new() { ["Outbox__ClaimDuration"] = "00:00:01" };

    private async Task AssertCompleteAsync()
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(DatabaseConnection.ForDataFolder(_data)));
        var bids = await db.Instances.Where(i => i.DefinitionId == "lead-partner-bid").ToListAsync();
        Assert.That(bids.Count(i => i.Status == InstanceStatus.Finished), Is.EqualTo(1), "one bid, finished");
        Assert.That(bids.Where(i => i.Status != InstanceStatus.Finished).Select(i => i.Status), Has.None.EqualTo(InstanceStatus.Faulted));
        var finished = bids.Single(i => i.Status == InstanceStatus.Finished);
        var outbox = await db.Outbox.Where(o => o.InstanceId == finished.Id).ToListAsync();
        Assert.That(outbox.Select(o => o.Status), Has.All.EqualTo(OutboxStatus.Sent));
        Assert.That(outbox.Select(o => (o.Event, o.Recipient)), Is.Unique, "one email per (event, recipient)");

        var files = Directory.GetFiles(Path.Combine(_data, "outbox"), "*.eml");
        var ids = files.Select(f => File.ReadLines(f).First(l => l.StartsWith("Message-ID:", StringComparison.Ordinal))["Message-ID: ".Length..]).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.SupersetOf(outbox.Select(o => o.MessageId)), "every email of the bid is in the pickup folder, once");

        var documents = Directory.GetDirectories(Path.Combine(_data, "documents")).Single();
        Assert.That(Directory.GetFiles(documents).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')),
            Is.EquivalentTo(new[] { "bid-pack-v1.docx", "pricing-v1.xlsx", "checks-v1.json", "bid-pack-v2.docx", "pricing-v2.xlsx", "checks-v2.json" }));
        Assert.That(Directory.GetFiles(Path.Combine(documents, "subcontracts"), "*.docx").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "SC046789.docx", "SC051234.docx", "SC355001.docx" }));
        // Each awarded member's link finds its own sub-contract (files are named by registration number, ids differ).
        var folder = new TenderConsortium.Documents.BidPacks.DocumentFolder(Path.Combine(_data, "documents"));
        var allocated = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT member_id AS \"Value\" FROM invitations").ToListAsync();
        var found = allocated.Select(m => folder.SubcontractOf(Path.GetFileName(documents), m)).OfType<string>().Select(Path.GetFileName).ToList();
        Assert.That(found, Is.EquivalentTo(new[] { "SC046789.docx", "SC051234.docx", "SC355001.docx" }));
    }
}
