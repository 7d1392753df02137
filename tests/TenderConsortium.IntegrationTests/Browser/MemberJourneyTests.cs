using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Allocation;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;

namespace TenderConsortium.IntegrationTests.Browser;

/// <summary>
/// The member's journey on a 375 px phone, through its emailed link and the pages alone: one member first sends a
/// declaration with mistakes (plain messages in the lot's units, each linked to its field), then a good one; the other
/// says it cannot take part (the reason asked only after "No"); after the lead approves, the first is offered its
/// share in the second person, with the deadline and what accepting commits it to, and accepts. Each step is scanned
/// with axe-core and saved as artifacts/screenshots/member/NN-step.png for a person to look at.
/// </summary>
[NonParallelizable]
public sealed class MemberJourneyTests
{
    private WebNode _node = null!;
    private Browser _phone = null!;
    private string _opportunityId = null!;
    private Guid _instance;
    private int _step;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!Browser.Available(out var reason)) ServiceRequirement.Missing("Chromium", reason);
        _node = await WebNode.StartAsync(workflowsFolder: WebNode.AllocationOnlyWorkflows());
        // The lead's side is set up through the API: this test is about the member's pages.
        await _node.AuthenticateAsLeadAsync();
        var members = await _node.Http.PostAsync("/api/members",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv"));
        Assert.That(members.StatusCode, Is.EqualTo(HttpStatusCode.OK), await members.Content.ReadAsStringAsync());
        var notice = await _node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json"));
        using var created = JsonDocument.Parse(await notice.Content.ReadAsStringAsync());
        _opportunityId = created.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;
        var terms = new JsonObject
        {
            ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 200_000, ["referencePrice"] = 24.5m },
            ["2"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 200 },
        };
        _instance = (await _node.App.Services.GetRequiredService<WorkflowRuntime>().StartAsync("lead-partner-allocation",
            new JsonObject { ["opportunityId"] = _opportunityId }, new JsonObject { ["lotTerms"] = terms, ["leadEmail"] = "lead@grampian-consortium.example" },
            _opportunityId)).InstanceId;
        _phone = Browser.Start(_node.Http.BaseAddress!.ToString(), 375, 812);
        var folder = RepoFiles.Path("artifacts", "screenshots", "member");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _phone?.Dispose();
        if (_node is not null) await _node.DisposeAsync();
    }

    /// <summary>Checks the page with axe-core, that nothing scrolls sideways, and keeps its picture as the journey's next step.</summary>
    private void Step(string name)
    {
        _phone.AssertAccessible(name);
        Assert.That(_phone.Driver.ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth"), Is.True, $"{name}: no sideways scrolling at 375 px");
        var file = $"{++_step:00}-{name}";
        _phone.Screenshot("member-" + file);
        var folder = RepoFiles.Path("artifacts", "screenshots", "member");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots", $"member-{file}.png"), Path.Combine(folder, file + ".png"), overwrite: true);
    }

    [Test]
    public async Task Members_declare_decline_and_accept_on_a_phone_through_their_pages()
    {
        var links = await _node.InvitationLinksAsync(_instance);
        Assert.That(links, Has.Count.EqualTo(2), "the notice's two matched members are invited");
        var (declaring, declining) = (links[0].Token, links[1].Token);

        // A first member opens its link: the questions are in the lots' own units, the decline reason is not shown yet.
        _phone.Go($"/d/{declaring}");
        Assert.That(_phone.Id("decline-reason").Displayed, Is.False, "the reason for declining is asked only after No");
        Assert.That(_phone.Driver.PageSource, Does.Not.Contain("per £1").And.Not.Contain("£ of contract value").And.Not.Contain("expected"));
        Step("open-link");

        _phone.Choose("answer");
        _phone.Choose("lot0-offer");
        Assert.Multiple(() =>
        {
            Assert.That(_phone.Id("lot0-volume").Displayed, Is.True, "ticking a lot reveals its questions");
            Assert.That(_phone.Text, Does.Contain("How many hours can you deliver in Lot 1?"));
            Assert.That(_phone.Text, Does.Contain("Your price per hour"));
            Assert.That(_phone.Text, Does.Contain("The SPD is the standard form"), "SPD explained where it is first asked");
        });
        _phone.Fill("lot0-volume", "300000");
        _phone.Fill("lot0-price", "0");
        _phone.Fill("lot0-start-day", "31");
        _phone.Fill("lot0-start-month", "2");
        _phone.Fill("lot0-start-year", "2027");
        Step("declaration-filled-with-mistakes");
        _phone.Submit("Send declaration");
        var summary = _phone.All(".govuk-error-summary a").Select(a => (Field: a.GetAttribute("href")!.Split('#')[1], a.Text)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Select(s => s.Field), Is.EqualTo(new[] { "lot0-volume", "lot0-price", "lot0-start-day" }));
            Assert.That(summary[0].Text, Is.EqualTo("Lot 1: Enter a number of hours between 1 and 200,000"));
            Assert.That(summary[1].Text, Is.EqualTo("Lot 1: Enter your price per hour in pounds, more than £0 and no more than £245"));
            Assert.That(summary[2].Text, Does.Contain("for example 1 4 2027"));
            Assert.That(_phone.Driver.Title, Does.StartWith("Error: "));
        });
        Step("declaration-errors");
        _phone.All(".govuk-error-summary a")[0].Click();
        Assert.That(_phone.Driver.SwitchTo().ActiveElement().GetAttribute("id"), Is.EqualTo("lot0-volume"), "the summary link moves focus to its field");

        _phone.Fill("lot0-volume", "1200");
        _phone.Fill("lot0-price", "23.80");
        _phone.Fill("lot0-start-day", "1");
        _phone.Fill("lot0-start-month", "4");
        _phone.Fill("lot0-start-year", "2027");
        _phone.Fill("lot0-staff", "4");
        _phone.Css("#lot0-offer-conditional details:nth-of-type(2) summary").Click();
        _phone.Choose("lot0-measures");
        _phone.Fill("lot0-sv0", "2");
        _phone.Fill("spd-turnover", "410000");
        Step("declaration-corrected");
        _phone.Submit("Send declaration");
        Assert.That(_phone.Text, Does.Contain("Your declaration was received"), _phone.Text);
        Step("declaration-received");

        // The second member cannot take part: "No" reveals the reason, which is required.
        _phone.Go($"/d/{declining}");
        _phone.Choose("answer-2");
        Assert.That(_phone.Id("decline-reason").Displayed, Is.True, "No reveals the reason");
        Assert.That(_phone.Id("declare-details").Displayed, Is.False, "and hides the questions about lots");
        Step("decline-chosen");
        _phone.Submit("Send my answer");
        Assert.That(_phone.All(".govuk-error-summary a").Select(a => a.GetAttribute("href")!.Split('#')[1]), Is.EqualTo(new[] { "decline-reason" }));
        Assert.That(_phone.Id("decline-reason").Displayed, Is.True, "the reason stays shown with its error");
        Step("decline-needs-a-reason");
        _phone.Fill("decline-reason", "Both our accessible vehicles are booked until the summer");
        _phone.Submit("Send my answer");
        Assert.That(_phone.Text, Does.Contain("We have recorded that you cannot take part this time"));
        Step("declined");

        // Both answered, so the round closed and the allocation was proposed; the lead approves it (its own pages are another journey).
        var allocations = _node.App.Services.GetRequiredService<IAllocationStore>();
        await Browser.WaitAsync(async () => await allocations.CurrentAsync(_opportunityId) is not null, "the allocation");
        await _node.App.Services.GetRequiredService<AllocationService>().ApproveAsync(_opportunityId, "lead:test");

        _phone.Go($"/d/{declaring}");
        Assert.Multiple(() =>
        {
            Assert.That(_phone.Text, Does.Contain("You are offered this share of the work"));
            Assert.That(_phone.Text, Does.Contain("Accept your share by"));
            Assert.That(_phone.Text, Does.Contain("Answer by ").And.Contain("If you have not answered by then"));
            Assert.That(_phone.Text, Does.Contain("If you accept, you agree to"));
            Assert.That(_phone.Text, Does.Contain("You can still withdraw later"));
            Assert.That(_phone.Text, Does.Contain("All you declared."), "why the share is this size, said to the member");
            Assert.That(_phone.Text, Does.Not.Contain("Declarations are closed").And.Not.Contain("Answer by: Declarations"));
        });
        Step("share-offered");
        _phone.Click(_phone.Id("consent-accept"));
        Assert.That(_phone.Text, Does.Contain("You accepted your share"));
        Assert.That(_phone.Text, Does.Contain("no longer deliver this share"), "how to withdraw is on the page");
        Step("share-accepted");
    }
}
