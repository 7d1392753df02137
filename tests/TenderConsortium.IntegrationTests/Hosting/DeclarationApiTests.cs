using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>A member's link through the real web host: its own page and API, and nothing else.</summary>
public sealed class DeclarationApiTests
{
    private WebNode _node = null!;
    private string _opportunityId = null!;
    private Guid _instance;

    [SetUp]
    public async Task StartABid()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync();
        var members = await _node.Http.PostAsync("/api/members",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv"));
        Assert.That(members.StatusCode, Is.EqualTo(HttpStatusCode.OK), await members.Content.ReadAsStringAsync());
        var notice = await _node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json"));
        using var created = JsonDocument.Parse(await notice.Content.ReadAsStringAsync());
        _opportunityId = created.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;
        var runtime = _node.App.Services.GetRequiredService<WorkflowRuntime>();
        var terms = new JsonObject { ["1"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 1000 }, ["2"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 200 } };
        _instance = (await runtime.StartAsync("lead-partner-allocation", new JsonObject { ["opportunityId"] = _opportunityId },
            new JsonObject { ["lotTerms"] = terms, ["leadEmail"] = "lead@grampian-consortium.example" }, _opportunityId)).InstanceId;
    }

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task A_member_sees_and_answers_through_its_own_link_only()
    {
        var tokens = await TokensAsync();
        Assert.That(tokens, Has.Count.EqualTo(2));
        var (firstEmail, first) = tokens[0];

        using var view = JsonDocument.Parse(await _node.Http.GetStringAsync($"/api/invitations/{first}"));
        var put = await _node.Http.PutAsync($"/api/invitations/{first}/declaration", Json("""
            {"lots": [{"lotId": "1", "volume": 600, "pricePerUnit": 21.5, "earliestStart": "2027-04-01", "areas": ["Aberdeen City"]}],
             "spd": {"annualTurnover": 410000, "insuranceCover": 5000000, "invoicesPaidOnTimePercent": 98}}
            """));
        var page = await _node.Http.GetAsync($"/d/{first}");
        var pageText = await page.Content.ReadAsStringAsync();
        using var other = JsonDocument.Parse(await _node.Http.GetStringAsync($"/api/invitations/{tokens[1].Token}"));

        Assert.Multiple(() =>
        {
            Assert.That(view.RootElement.GetProperty("opportunity").GetProperty("buyer").GetString(), Is.EqualTo("University of Aberdeen"));
            Assert.That(view.RootElement.GetProperty("lots").EnumerateArray().Select(l => l.GetProperty("unit").GetString()), Is.EqualTo(new[] { "sessions", "sessions" }));
            Assert.That(view.RootElement.GetProperty("open").GetBoolean(), Is.True);
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), put.Content.ReadAsStringAsync().Result);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(WebUtility.HtmlDecode(pageText), Does.Contain("Your latest declaration (revision 1): lot 1: 600 sessions at £21.50 per session"));
            Assert.That(other.RootElement.GetProperty("latest").ValueKind, Is.EqualTo(JsonValueKind.Null), "the other member sees nothing of it");
            Assert.That(other.RootElement.GetProperty("member").GetProperty("name").GetString(), Is.Not.EqualTo(view.RootElement.GetProperty("member").GetProperty("name").GetString()));
        });
        Assert.That(firstEmail, Does.Contain("@"));
    }

    [Test]
    public async Task Bad_links_get_one_plain_403_and_a_client_that_keeps_guessing_is_made_to_wait()
    {
        var forged = new string('A', 43);
        var page = await _node.Http.GetAsync($"/d/{forged}");
        var api = await _node.Http.GetAsync("/api/invitations/not-a-token");
        var put = await _node.Http.PutAsync($"/api/invitations/{forged}/declaration", Json("""{"decline": "x"}"""));
        var problem = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("This link is not valid."));
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("This link is not valid. If you were invited to declare, ask the consortium lead for a new link."));
        });

        HttpResponseMessage? slowed = null;
        for (var i = 0; i < 5 && slowed is null; i++)
        {
            var response = await _node.Http.GetAsync($"/api/invitations/{forged}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) slowed = response;
        }

        Assert.That(slowed, Is.Not.Null, "after five bad links the client must wait");
        Assert.That(slowed!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        var (_, genuine) = (await TokensAsync())[0];
        Assert.That((await _node.Http.GetAsync($"/api/invitations/{genuine}")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests),
            "while slowed, no link is looked at, so guessing gains nothing");
    }

    [Test]
    public async Task A_bad_declaration_is_a_400_naming_each_field_and_the_lead_sees_the_allocation_over_the_api()
    {
        var (_, token) = (await TokensAsync())[0];
        var bad = await _node.Http.PutAsync($"/api/invitations/{token}/declaration", Json("""{"lots": [{"lotId": "1", "volume": 5000, "pricePerUnit": 0, "earliestStart": "soon"}]}"""));
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        var allocation = await _node.Http.GetStringAsync($"/api/opportunities/{_opportunityId}/allocation");
        Assert.Multiple(() =>
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem["errors"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[]
            {
                "lots[0].volume: Enter a number of sessions between 1 and 1,000",
                "lots[0].pricePerUnit: Enter your price per session in pounds, more than £0 and no more than £100,000",
                "lots[0].earliestStart: Enter a real date, for example 1 April 2027 (in a file: 2027-04-01)",
            }));
            Assert.That(problem["problems"]!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["code"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("lots[0].volume", "invalid"), ("lots[0].pricePerUnit", "invalid"), ("lots[0].earliestStart", "invalid") }), "typed problems");
            Assert.That(JsonNode.Parse(allocation)!["preview"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task A_member_that_accepted_can_withdraw_from_its_page_with_a_reason_and_the_lead_is_told()
    {
        var tokens = await TokensAsync();
        foreach (var (_, token) in tokens)
        {
            var put = await _node.Http.PutAsync($"/api/invitations/{token}/declaration",
                Json("""{"lots": [{"lotId": "1", "volume": 400, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}]}"""));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var approve = await _node.Http.PostAsync($"/api/opportunities/{_opportunityId}/allocation/approve", Json("""{"confirm": true}"""));
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approve.Content.ReadAsStringAsync());
        var (_, member) = tokens[0];
        var before = await _node.Http.GetStringAsync($"/d/{member}");
        var accept = await _node.Http.PostAsync($"/api/invitations/{member}/consent", Json("""{"decision": "accept"}"""));
        var page = await _node.Http.GetStringAsync($"/d/{member}");
        var antiforgery = WebText.AntiforgeryToken(page)!;
        var noReason = await _node.Http.PostAsync($"/d/{member}/withdrawal", Form(("__RequestVerificationToken", antiforgery), ("withdraw-reason", " ")));
        var noReasonPage = WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync());
        var apiNoReason = await _node.Http.PostAsync($"/api/invitations/{member}/withdrawal", Json("{}"));
        var withdrawn = await _node.Http.PostAsync($"/d/{member}/withdrawal",
            Form(("__RequestVerificationToken", antiforgery), ("withdraw-reason", "Our minibus failed its MOT")));
        var after = WebUtility.HtmlDecode(await withdrawn.Content.ReadAsStringAsync()); // the client follows the redirect back to the page
        var again = await _node.Http.PostAsync($"/api/invitations/{member}/withdrawal", Json("""{"reason": "again"}"""));
        var outbox = await _node.App.Services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: _instance, take: 500);
        var journal = await _node.App.Services.GetRequiredService<WorkflowQueries>().GetJournalAsync(_instance);

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Not.Contain("Withdraw from this bid"), "no withdrawal before accepting");
            Assert.That(accept.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain("We can no longer deliver this share").And.Contain("Withdraw from this bid"));
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noReasonPage, Does.Contain("There is a problem").And.Contain("Tell the lead why you are withdrawing, so it can plan around it"));
            Assert.That(apiNoReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(withdrawn.RequestMessage!.RequestUri!.Query, Does.Contain("done=withdrawn"), "sent back to the page");
            Assert.That(after, Does.Contain("You withdrew: Our minibus failed its MOT").And.Contain("We have recorded that you withdraw from this bid"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a member that left holds no share");
            Assert.That(journal.Select(j => j.Detail ?? ""), Has.Some.Contains("withdrew (Our minibus failed its MOT)"));
            Assert.That(outbox.Where(o => o.Recipient == "lead@grampian-consortium.example").Select(o => o.Event),
                Has.Some.Matches<string>(e => e.StartsWith("allocation-report.lead:r2", StringComparison.Ordinal) || e.StartsWith("coverage-gap.lead:r2", StringComparison.Ordinal)),
                "the lead hears of the re-run");
        });
    }

    [Test]
    public async Task The_lead_records_a_members_withdrawal_on_the_opportunity_page()
    {
        var tokens = await TokensAsync();
        foreach (var (_, token) in tokens)
            await _node.Http.PutAsync($"/api/invitations/{token}/declaration", Json("""{"lots": [{"lotId": "1", "volume": 400, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}]}"""));
        var approve = await _node.Http.PostAsync($"/api/opportunities/{_opportunityId}/allocation/approve", Json("""{"confirm": true}"""));
        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approve.Content.ReadAsStringAsync());
        using var view = JsonDocument.Parse(await _node.Http.GetStringAsync($"/api/invitations/{tokens[0].Token}"));
        var memberId = view.RootElement.GetProperty("member").GetProperty("id").GetString()!;
        var (lead, _) = await ApiAuth.SignInAsync(_node, "lead@default-consortium.example");
        var path = $"/lead/opportunities/{_opportunityId}";
        var page = await lead.GetStringAsync(path);
        var antiforgery = WebText.AntiforgeryToken(page)!;

        var noReason = await lead.PostAsync($"{path}/allocation/withdrawal", Form(("__RequestVerificationToken", antiforgery), ("withdraw-member", memberId), ("withdraw-reason", "")));
        var noReasonPage = WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync());
        var recorded = await lead.PostAsync($"{path}/allocation/withdrawal",
            Form(("__RequestVerificationToken", antiforgery), ("withdraw-member", memberId), ("withdraw-reason", "Phoned: lost its operator licence")));
        var journal = await _node.App.Services.GetRequiredService<WorkflowQueries>().GetJournalAsync(_instance);

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("A member withdraws").And.Contain("Record the withdrawal"));
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noReasonPage, Does.Contain("Enter why the member withdraws; the journal records it"));
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(recorded.Headers.Location?.ToString(), Does.Contain("done=withdrawn"));
            Assert.That(journal.Select(j => j.Detail ?? ""), Has.Some.Contains("withdrew (Phoned: lost its operator licence)"));
            Assert.That(journal.Select(j => j.Actor ?? ""), Has.Some.StartsWith("lead:"));
        });
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private Task<List<(string Email, string Token)>> TokensAsync() => _node.InvitationLinksAsync(_instance);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
