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
    private const string Taxi = "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json";
    private WebNode _node = null!;
    private string _opportunity = null!;
    private HttpClient _page = null!;

    [SetUp]
    public async Task ImportANoticeAndMembers()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync(Lead);
        await WebNode.Ok(_node.Http.PostAsync("/api/members", new StringContent(SampleData.Members(Taxi), Encoding.UTF8, "text/csv")));
        var notice = JsonNode.Parse(await WebNode.Ok(_node.Http.PostAsync("/api/opportunities", new StringContent(SampleData.Notice(Taxi), Encoding.UTF8, "application/json"))))!;
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
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", Json(SampleData.Profile(Lead).ToJsonString())));

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
        var approved = await _page.PostAsync($"{path}/allocation/approve", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(page)!), ("confirm", "yes")));
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
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", Json(SampleData.Profile(Lead).ToJsonString())));
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

    [Test]
    public async Task No_bid_starts_before_the_consortium_profile_and_the_profile_names_the_lead_in_the_bid()
    {
        var path = $"/lead/opportunities/{_opportunity}";
        var form = await _page.GetStringAsync(path);
        var page = await _page.PostAsync($"{path}/start", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(form)!)));
        var api = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json("{}"));
        var cli = await TenderProcess.RunAsync(["bid", "start", _opportunity, "--data", _node.DataFolder]);
        var pageText = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(WebUtility.HtmlDecode(form), Does.Contain("Complete the consortium profile").And.Contain("href=\"/lead/profile?next="), "the start form sends the lead to the profile");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(pageText, Does.Contain("There is a problem").And.Contain("href=\"#start-profile\"").And.Contain("Complete the consortium profile before you start a bid"));
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("consortiumProfile"));
            Assert.That(cli.ExitCode, Is.EqualTo(2), cli.Output);
            Assert.That(cli.Output, Does.Contain("consortiumProfile: complete the consortium profile first"));
            Assert.That((await SameBidAsync())["stage"]!.GetValue<string>(), Is.EqualTo("Not started"), "nothing was started");
            Assert.That(await OutboxCountAsync(), Is.EqualTo(0), "no email for a refused start");
        });

        // An incomplete profile names every missing field and saves nothing.
        var bad = await _node.Http.PutAsync("/api/consortium/profile", Json("""{"legalName": "Default SE Consortium Ltd", "contactEmail": "not an address"}"""));
        var badBody = await bad.Content.ReadAsStringAsync();
        var empty = JsonNode.Parse(await WebNode.Ok(_node.Http.GetAsync("/api/consortium/profile")))!;
        Assert.Multiple(() =>
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), badBody);
            foreach (var field in new[] { "registrationNumber", "signatoryName", "signatoryRole", "contactEmail", "contactPhone", "address" })
                Assert.That(badBody, Does.Contain(field), field);
            Assert.That(badBody, Does.Not.Contain("legalName"));
            Assert.That(empty["complete"]!.GetValue<bool>(), Is.False);
        });

        // The lead completes it on the page; the API and the CLI read the same profile.
        var profileForm = await _page.GetStringAsync($"/lead/profile?next={Uri.EscapeDataString(path)}");
        var fields = SampleData.Profile(Lead).Select(p => (p.Key, p.Value!.GetValue<string>())).Append(("__RequestVerificationToken", WebText.AntiforgeryToken(profileForm)!))
            .Append(("next", path)).ToArray();
        var saved = await _page.PostAsync("/lead/profile", Form(fields));
        var shown = await TenderProcess.RunAsync(["consortium", "profile", "show", "--json", "--data", _node.DataFolder]);
        var fromApi = JsonNode.Parse(await WebNode.Ok(_node.Http.GetAsync("/api/consortium/profile")))!;
        Assert.Multiple(() =>
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "saved, back to the opportunity");
            Assert.That(saved.Headers.Location?.ToString(), Does.StartWith(path));
            Assert.That(shown.ExitCode, Is.EqualTo(0), shown.Output);
            Assert.That(JsonNode.Parse(shown.Output)!["profile"]!["signatory"]!.GetValue<string>(), Is.EqualTo("Alex Morgan, Chief Executive"));
            Assert.That(fromApi["profile"]!["address"]!.GetValue<string>(), Is.EqualTo("1 George Square\nGlasgow\nG2 1AA"));
        });

        // Dates: a members' deadline after the tender deadline, or within the minimum before it, is refused.
        var tender = JsonNode.Parse(await WebNode.Ok(_node.Http.GetAsync($"/api/opportunities/{_opportunity}/bid")))!["tenderDeadline"]!.GetValue<DateTimeOffset>();
        var after = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json($$"""{"declarationDeadline": "{{tender.AddDays(1):O}}"}"""));
        var tooClose = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json($$"""{"declarationDeadline": "{{tender.AddDays(-2):O}}"}"""));
        Assert.Multiple(async () =>
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("declarationDeadline").And.Contain("after the tender deadline"));
            Assert.That(tooClose.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await tooClose.Content.ReadAsStringAsync(), Does.Contain("leaves less than 5 days before the tender deadline"));
        });

        // The start takes the lead's contact and the lead facts from the profile.
        var started = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json("""{"settings": {"lotTerms": {"1": {"unit": "sessions", "demand": 1000}, "2": {"unit": "sessions", "demand": 200}}}}"""));
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        var bid = await _node.App.Services.GetRequiredService<TenderConsortium.Core.Bids.IBidStore>().FindAsync(_opportunity);
        await WaitForStageAsync("Members declare");
        var invitations = (await _node.App.Services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(take: 1000))
            .Where(m => m.Event.StartsWith("invitation.member:", StringComparison.Ordinal)).Select(m => m.Payload).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bid!.LeadEmail, Is.EqualTo(Lead));
            Assert.That(invitations, Is.Not.Empty);
            Assert.That(invitations, Has.All.Contain("Alex Morgan, Default Social Enterprise Consortium Ltd").And.All.Contain(Lead), "members are told whom to contact");
        });
    }

    [Test]
    public async Task No_bid_starts_without_a_procurement_adviser_and_the_page_says_where_to_add_one()
    {
        // The profile cannot be saved without the adviser: the field is named.
        var noAdviser = SampleData.Profile(Lead);
        noAdviser.Remove("adviserEmail");
        var refusedProfile = await _node.Http.PutAsync("/api/consortium/profile", Json(noAdviser.ToJsonString()));
        var refusedProfileBody = await refusedProfile.Content.ReadAsStringAsync();

        // A profile saved before the adviser was asked for (an empty adviser) keeps bids from starting.
        await _node.App.Services.GetRequiredService<TenderConsortium.Core.Consortium.ILeadProfileStore>().SaveAsync(new TenderConsortium.Core.Consortium.LeadProfile(
            "default", "Default Social Enterprise Consortium Ltd", "SC700999", "Alex Morgan", "Chief Executive", Lead, "0141 496 0000", "1 George Square\nGlasgow\nG2 1AA",
            "", DateTimeOffset.UtcNow, Lead));
        var handler = _node.App.Services.GetRequiredService<TenderConsortium.Application.Bids.Start.StartBidHandler>();
        var problem = Assert.ThrowsAsync<TenderConsortium.Core.Common.ProblemException>(() =>
            handler.HandleAsync(new TenderConsortium.Application.Bids.Start.StartBid(_opportunity, Lead, ConsortiumId: "default")))!;
        var path = $"/lead/opportunities/{_opportunity}";
        var form = WebUtility.HtmlDecode(await _page.GetStringAsync(path));
        var deadline = DateTimeOffset.UtcNow.AddDays(10);
        var page = await _page.PostAsync($"{path}/start", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(form)!),
            ("start-deadline-day", deadline.Day.ToString(CultureInfo.InvariantCulture)), ("start-deadline-month", deadline.Month.ToString(CultureInfo.InvariantCulture)),
            ("start-deadline-year", deadline.Year.ToString(CultureInfo.InvariantCulture))));
        var pageText = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var api = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids", Json("{}"));

        Assert.Multiple(async () =>
        {
            Assert.That(refusedProfile.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refusedProfileBody);
            Assert.That(refusedProfileBody, Does.Contain("adviserEmail").And.Contain("Partnership for Procurement adviser"));
            Assert.That(problem.Items.Single().Path, Is.EqualTo(TenderConsortium.Application.Bids.Start.StartBidHandler.AdviserPath));
            Assert.That(problem.Code, Is.EqualTo(TenderConsortium.Core.Common.ProblemCode.Conflict));
            Assert.That(problem.Items.Single().Message, Does.Contain("add your procurement adviser's email to the consortium profile first"));
            Assert.That(form, Does.Contain("Before you start a bid, add your procurement adviser's email to the consortium profile.")
                .And.Contain("Add your procurement adviser"), "the start form sends the lead to the profile's adviser field");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(pageText, Does.Contain("There is a problem").And.Contain("href=\"#start-profile\"")
                .And.Contain("Add your procurement adviser's email to the consortium profile before you start a bid"));
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("adviserEmail"));
            Assert.That((await SameBidAsync())["stage"]!.GetValue<string>(), Is.EqualTo("Not started"), "nothing was started");
            Assert.That(await OutboxCountAsync(), Is.EqualTo(0), "no email for a refused start");
        });

        // Once the lead adds the adviser, the bid starts.
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", Json(SampleData.Profile(Lead).ToJsonString())));
        var started = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids",
            Json("""{"settings": {"lotTerms": {"1": {"unit": "sessions", "demand": 1000}, "2": {"unit": "sessions", "demand": 200}}}}"""));
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());

        // The invitation as a member's mail program reads it (the pickup folder, no Mail:From): from the consortium by
        // the lead body's name, replies to the lead's contact, and no invented address anywhere in it.
        var outbox = Path.Combine(_node.DataFolder, "outbox");
        var until = DateTime.UtcNow.AddSeconds(60);
        string? eml = null;
        while (eml is null && DateTime.UtcNow < until)
        {
            eml = Directory.Exists(outbox)
                ? Directory.EnumerateFiles(outbox, "*.eml").FirstOrDefault(f => MimeKit.MimeMessage.Load(f).TextBody?.Contains("Alex Morgan, Default Social Enterprise Consortium Ltd", StringComparison.Ordinal) == true)
                : null;
            if (eml is null) await Task.Delay(250);
        }

        Assert.That(eml, Is.Not.Null, "a member's email was written to the pickup folder");
        var message = await MimeKit.MimeMessage.LoadAsync(eml!);
        var from = message.From.Mailboxes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(from.Name, Is.EqualTo("Default Social Enterprise Consortium Ltd"), "From shows the consortium's name");
            Assert.That(from.Address, Is.EqualTo(Lead), "without Mail:From the pickup file is from the lead's contact, never an invented address");
            Assert.That(message.ReplyTo.Mailboxes.Single().Address, Is.EqualTo(Lead), "replies reach the lead");
            Assert.That(message.TextBody, Does.Contain("Alex Morgan, Default Social Enterprise Consortium Ltd"), "signed by the named contact");
            Assert.That(System.Text.RegularExpressions.Regex.Matches(message.ToString(), @"[\w.+-]+@[\w-]+(\.[\w-]+)*\.example\b").Select(m => m.Value)
                .Where(a => a != Lead && !message.To.Mailboxes.Any(t => t.Address == a)), Is.Empty,
                "no placeholder address in the email");
        });
    }

    [Test]
    public async Task Closing_with_members_pending_and_approving_with_a_gap_say_the_consequence_and_ask_to_confirm_at_every_door()
    {
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", Json(SampleData.Profile(Lead).ToJsonString())));
        var started = JsonNode.Parse(await WebNode.Ok(_node.Http.PostAsync($"/api/opportunities/{_opportunity}/bids",
            Json("""{"settings": {"lotTerms": {"1": {"unit": "sessions", "demand": 1000}, "2": {"unit": "sessions", "demand": 200}}}}"""))))!;
        await WaitForStageAsync("Members declare");
        var links = await _node.InvitationLinksAsync(Guid.Parse(started["instanceId"]!.GetValue<string>()));
        Assert.That(links, Has.Count.GreaterThan(1), "more than one member invited, so one answer leaves others pending");
        await WebNode.Ok(_node.Http.PutAsync($"/api/invitations/{links[0].Token}/declaration",
            Json("""{"lots": [{"lotId": "1", "volume": 100, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}]}""")));
        var path = $"/lead/opportunities/{_opportunity}";

        var api = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/declarations/close", Json("{}"));
        var page = await _page.PostAsync($"{path}/declarations/close", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(await _page.GetStringAsync(path))!)));
        var pageText = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var cli = await TenderProcess.RunAsync(["invitations", "close", _opportunity, "--data", _node.DataFolder]);
        var pending = links.Count == 2
            ? $"1 of 2 members has not answered; closing now leaves it out of the shares."
            : $"{links.Count - 1} of {links.Count} members have not answered; closing now leaves them out of the shares.";
        Assert.Multiple(async () =>
        {
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain(pending));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the page asks to confirm");
            Assert.That(pageText, Does.Contain("Close declarations now?").And.Contain("govuk-warning-text").And.Contain(pending).And.Contain("Close declarations anyway"));
            Assert.That(cli.ExitCode, Is.EqualTo(2), cli.Output);
            Assert.That(cli.Output, Does.Contain($"--confirm: {pending} Run again with --confirm to go ahead."));
            Assert.That((await SameBidAsync())["stage"]!.GetValue<string>(), Is.EqualTo("Members declare"), "nothing was closed");
        });

        var confirmed = await TenderProcess.RunAsync(["invitations", "close", _opportunity, "--confirm", "--data", _node.DataFolder]);
        Assert.That(confirmed.ExitCode, Is.EqualTo(0), confirmed.Output);
        await WaitForStageAsync("Approve shares");

        var approveApi = await _node.Http.PostAsync($"/api/opportunities/{_opportunity}/allocation/approve", Json("{}"));
        var form = await _page.GetStringAsync(path);
        var approvePage = await _page.PostAsync($"{path}/allocation/approve", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(form)!)));
        var approveText = WebUtility.HtmlDecode(await approvePage.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(approveApi.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await approveApi.Content.ReadAsStringAsync(), Does.Contain("The shares leave 900 sessions of lot 1 (90% of the lot) and 200 sessions of lot 2 (100% of the lot) uncovered"));
            Assert.That(approvePage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(approveText, Does.Contain("Approve shares that leave a gap?").And.Contain("approving now bids with that gap").And.Contain("name=\"confirm\" value=\"yes\""));
        });

        var approved = await _page.PostAsync($"{path}/allocation/approve", Form(("__RequestVerificationToken", WebText.AntiforgeryToken(approveText)!), ("confirm", "yes")));
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await approved.Content.ReadAsStringAsync());
        await WaitForStageAsync("Members accept");
    }

    [Test]
    public async Task A_notice_whose_tender_deadline_passed_cannot_be_bid_for()
    {
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", Json(SampleData.Profile(Lead).ToJsonString())));
        var closed = JsonNode.Parse(await WebNode.Ok(_node.Http.PostAsync("/api/opportunities", new StringContent(
            await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json")), Encoding.UTF8, "application/json"))))!;
        var id = closed["opportunities"]![0]!["id"]!.GetValue<string>();
        var api = await _node.Http.PostAsync($"/api/opportunities/{id}/bids", Json("{}"));
        var cli = await TenderProcess.RunAsync(["bid", "start", id, "--data", _node.DataFolder]);
        var page = WebUtility.HtmlDecode(await _page.GetStringAsync($"/lead/opportunities/{id}"));
        Assert.Multiple(async () =>
        {
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("tenderDeadline").And.Contain("has passed"));
            Assert.That(cli.ExitCode, Is.EqualTo(2), cli.Output);
            Assert.That(cli.Output, Does.Contain("tenderDeadline: the tender deadline, 28 May 2019 at 1pm (UK time), has passed"));
            Assert.That(page, Does.Contain("has passed, so this notice can no longer be bid for").And.Not.Contain(">Start the bid</button>"));
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
