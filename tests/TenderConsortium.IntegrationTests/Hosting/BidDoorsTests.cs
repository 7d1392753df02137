using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>
/// One bid driven through the three doors in turn (the lead's pages, the API, the `tender` command on the same data
/// folder): after every step `tender bid show --json` and GET /api/opportunities/{id}/bid say exactly the same, and the
/// lead's page shows the same stage. A second start is refused at every door, and sends nothing.
/// </summary>
[NonParallelizable]
public sealed class BidDoorsTests
{
    private const string Lead = "lead@default-consortium.example";
    private WebNode _node = null!;
    private string _opportunity = null!;
    private HttpClient _page = null!;

    [SetUp]
    public async Task ImportANoticeAndMembers()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync(Lead);
        await WebNode.Ok(_node.Http.PostAsync("/api/members",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv")));
        var notice = JsonNode.Parse(await WebNode.Ok(_node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json"))))!;
        _opportunity = notice["opportunities"]![0]!["id"]!.GetValue<string>();
        (_page, _) = await ApiAuth.SignInAsync(_node, Lead);
    }

    [TearDown]
    public async Task Stop()
    {
        _page.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task The_three_doors_give_the_same_answers_from_start_to_subcontracts()
    {
        var path = $"/lead/opportunities/{_opportunity}";
        Assert.That((await SameBidAsync())["stage"]!.GetValue<string>(), Is.EqualTo("Not started"));

        // The page starts the bid (the form's defaults: the whole flow).
        var form = await _page.GetStringAsync(path);
        var deadline = DateTimeOffset.UtcNow.AddDays(10);
        var started = await _page.PostAsync($"{path}/start", Form(
            ("__RequestVerificationToken", WebText.AntiforgeryToken(form)!),
            ("start-deadline-day", deadline.Day.ToString(CultureInfo.InvariantCulture)),
            ("start-deadline-month", deadline.Month.ToString(CultureInfo.InvariantCulture)),
            ("start-deadline-year", deadline.Year.ToString(CultureInfo.InvariantCulture)),
            ("start-leadEmail", Lead),
            ("start-lot0-unit", "sessions"), ("start-lot0-demand", "1000"),
            ("start-lot1-unit", "sessions"), ("start-lot1-demand", "200")));
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await started.Content.ReadAsStringAsync());
        var bid = await SameBidAsync();
        Assert.Multiple(() =>
        {
            Assert.That(bid["stage"]!.GetValue<string>(), Is.EqualTo("Members declare"));
            Assert.That(bid["workflow"]!.GetValue<string>(), Is.EqualTo("lead-partner-bid"), "the default start runs the whole flow");
            Assert.That(Step(bid, "declarations")["waitingOn"]!.GetValue<string>(), Is.EqualTo("members"));
        });
        await PageShowsAsync(path, "Members declare");

        // A second start, at each door, is refused and sends nothing.
        var mails = await OutboxCountAsync();
        var cli = await TenderProcess.RunAsync(["bid", "start", _opportunity, "--data", _node.DataFolder]);
        var api = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json("""{"workflow": "lead-partner-bid-small"}"""));
        var pageAgain = await _page.PostAsync($"{path}/start", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(form)!), ("start-leadEmail", "other@default-consortium.example")));
        Assert.Multiple(async () =>
        {
            Assert.That(cli.ExitCode, Is.EqualTo(2), cli.Output);
            Assert.That(cli.Output, Does.Contain("already has a bid").And.Contain($"tender bid show {_opportunity}"));
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await api.Content.ReadAsStringAsync());
            Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"conflict\""));
            Assert.That(pageAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(WebUtility.HtmlDecode(await pageAgain.Content.ReadAsStringAsync()), Does.Contain("This opportunity already has a bid"));
            Assert.That(await OutboxCountAsync(), Is.EqualTo(mails), "no email for a refused start");
        });

        // Members declare through the API (their links); all answered closes the round.
        foreach (var (_, token) in await _node.InvitationLinksAsync(Guid.Parse(bid["instanceId"]!.GetValue<string>())))
            await WebNode.Ok(_node.Http.PutAsync($"/api/invitations/{token}/declaration",
                Json("""{"lots": [{"lotId": "1", "volume": 600, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}, {"lotId": "2", "volume": 150, "pricePerUnit": 20, "earliestStart": "2027-04-01"}]}""")));
        bid = await WaitForStageAsync("Approve shares");
        Assert.That(Step(bid, "declarations")["status"]!.GetValue<string>(), Is.EqualTo("done"));

        // The lead approves on the page; members accept over the API.
        var page = await _page.GetStringAsync(path);
        var approved = await _page.PostAsync($"{path}/allocation/approve", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(page)!)));
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await approved.Content.ReadAsStringAsync());
        bid = await WaitForStageAsync("Members accept");
        foreach (var (_, token) in await _node.InvitationLinksAsync(Guid.Parse(bid["instanceId"]!.GetValue<string>())))
        {
            var consent = await _node.Http.PostAsync($"/api/invitations/{token}/consent", Json("""{"decision": "accept"}"""));
            Assert.That(consent.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.BadRequest), "a member with no share has nothing to accept");
        }

        bid = await WaitForStageAsync("Adviser review");
        Assert.That(bid["documents"]!.AsArray().Select(d => d!.GetValue<string>()), Has.Some.Match(@"^bid-pack-v1\.docx$"));
        await PageShowsAsync(path, "Adviser review");

        // The adviser approves from the CLI: refused while checks fail, one problem per failed check, until each has a reason.
        var failed = bid["failedChecks"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.That(failed, Is.Not.Empty, "this pack has failed checks (no lead facts were given), so the rule is exercised");
        var refusedReview = await TenderProcess.RunAsync(["review", "approve", _opportunity, "--summary", "Clear.", "--data", _node.DataFolder]);
        Assert.That(refusedReview.ExitCode, Is.EqualTo(2), refusedReview.Output);
        foreach (var check in failed) Assert.That(refusedReview.Output, Does.Contain($"checks.{check}: the check"), check);
        var review = await TenderProcess.RunAsync(["review", "approve", _opportunity, "--summary", "Clear.", .. failed.SelectMany(c => new[] { "--accept", $"{c}=Adviser accepts {c} for this test" }),
            "--data", _node.DataFolder]);
        Assert.That(review.ExitCode, Is.EqualTo(0), review.Output);
        bid = await WaitForStageAsync("Submit");
        Assert.That(bid["adviserAccepted"]!.AsArray().Select(a => a!["reason"]!.GetValue<string>()), Is.EqualTo(failed.Select(c => $"Adviser accepts {c} for this test")));
        Assert.That(bid["nextAction"]!.GetValue<string>(), Does.Contain($"with your reason for each of the pack's {failed.Count} failed checks"));

        // The lead records the submission over the API: a 409 naming each failed check, then accepted with a reason for each.
        var refused = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/submission", Json("""{"reference": "PCS-DOORS-1"}"""));
        var problems = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), problems.ToJsonString());
        Assert.That(problems.ToJsonString(), Does.Contain($"\"checks.{failed[0]}\""));
        Assert.That(Step(await SameBidAsync(), "submission")["status"]!.GetValue<string>(), Is.EqualTo("waiting"), "nothing was recorded");
        var reasons = new JsonObject();
        foreach (var check in failed) reasons[check] = $"Lead submits with {check} for this test";
        await WebNode.Ok(_node.Http.PostAsync($"/api/opportunities/{_opportunity}/submission", Json(new JsonObject { ["reference"] = "PCS-DOORS-1", ["acceptedChecks"] = reasons }.ToJsonString())));
        bid = await WaitForStageAsync("Outcome");
        Assert.That(bid["submission"]!["reference"]!.GetValue<string>(), Is.EqualTo("PCS-DOORS-1"));
        Assert.That(bid["submission"]!["acceptedChecks"]!.AsArray().Select(a => a!["check"]!.GetValue<string>()), Is.EqualTo(failed));
        var shown = await TenderProcess.RunAsync(["bid", "show", _opportunity, "--data", _node.DataFolder]);
        Assert.That(shown.Output, Does.Contain("Submitted with these failed checks:").And.Contain($"Why: Lead submits with {failed[0]} for this test")
            .And.Contain("The adviser approved the pack with these failed checks:"));
        var leadPage = WebUtility.HtmlDecode(await _page.GetStringAsync(path));
        Assert.That(leadPage, Does.Contain("Failed checks accepted when submitting").And.Contain($"Lead submits with {failed[0]} for this test")
            .And.Contain("Failed checks the adviser accepted with the approval"));
        var outcome = await TenderProcess.RunAsync(["bid", "outcome", _opportunity, "--awarded", "1", "--data", _node.DataFolder]);
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output);

        bid = await WaitForStageAsync("Finished");
        Assert.Multiple(() =>
        {
            Assert.That(bid["status"]!.GetValue<string>(), Is.EqualTo("won"));
            Assert.That(bid["outcomes"]!.AsArray().Select(o => (o!["lotId"]!.GetValue<string>(), o["awarded"]!.GetValue<bool>())), Is.EqualTo(new[] { ("1", true), ("2", false) }));
            Assert.That(bid["subcontracts"]!.AsArray(), Is.Not.Empty);
            Assert.That(bid["subcontracts"]!.AsArray().Select(s => s!["paymentDays"]!.GetValue<int>()), Is.All.EqualTo(30));
            Assert.That(Step(bid, "subcontracts")["status"]!.GetValue<string>(), Is.EqualTo("done"));
            Assert.That(bid["nextAction"]!.GetValue<string>(), Does.StartWith("Nothing to do"));
        });
    }

    [Test]
    public async Task The_same_start_sent_again_is_the_same_bid_and_a_refused_start_leaves_nothing()
    {
        var refused = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json("""{"settings": {"declarationPeriod": "not a duration"}}"""));
        var body = """{"settings": {"lotTerms": {"1": {"unit": "sessions", "demand": 1000}, "2": {"unit": "sessions", "demand": 200}}}}""";
        var first = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json(body));
        var again = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json(body));
        var firstBody = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var againBody = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        var instances = await _node.App.Services.GetRequiredService<WorkflowQueries>().ListInstancesAsync(correlationId: _opportunity);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await refused.Content.ReadAsStringAsync());
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody.ToJsonString());
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a client retrying after a lost reply gets the bid it made");
            Assert.That(againBody["instanceId"]!.GetValue<string>(), Is.EqualTo(firstBody["instanceId"]!.GetValue<string>()));
            Assert.That(instances, Has.Count.EqualTo(1));
        });
    }

    /// <summary>The bid from the API and from the CLI, which must be the same JSON.</summary>
    private async Task<JsonNode> SameBidAsync()
    {
        var api = JsonNode.Parse(await WebNode.Ok(_node.Http.GetAsync($"/api/opportunities/{_opportunity}/bid")))!;
        var (exit, output) = await TenderProcess.RunAsync(["bid", "show", _opportunity, "--json", "--data", _node.DataFolder]);
        Assert.That(exit, Is.EqualTo(0), output);
        var cli = JsonNode.Parse(output)!;
        Assert.That(JsonNode.DeepEquals(api, cli), Is.True, $"API:\n{api.ToJsonString()}\nCLI:\n{cli.ToJsonString()}");
        return api;
    }

    private async Task<JsonNode> WaitForStageAsync(string stage)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var api = JsonNode.Parse(await WebNode.Ok(_node.Http.GetAsync($"/api/opportunities/{_opportunity}/bid")))!;
            if (api["stage"]!.GetValue<string>() == stage) return await SameBidAsync();
            if (DateTime.UtcNow > until) Assert.Fail($"the bid never reached '{stage}': {api.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    private async Task PageShowsAsync(string path, string stage) =>
        Assert.That(WebUtility.HtmlDecode(await _page.GetStringAsync(path)), Does.Contain(stage));

    private static JsonNode Step(JsonNode bid, string key) => bid["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!;

    private async Task<int> OutboxCountAsync() => (await _node.App.Services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(take: 10_000)).Count;

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
