using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Host;

namespace TenderConsortium.IntegrationTests.Browser.Playwright;

/// <summary>
/// The three journeys of issue 14 in real Chromium, through the pages alone, from an empty data folder: the lead
/// (laptop) signs in by emailed link, completes the consortium profile, asks to confirm shortlists, imports its members
/// and a notice file, starts the bid, confirms the partners, closes declarations and approves shares past their
/// guards, sees the acceptance, receives the bid pack, answers the adviser, records the submission and the outcome;
/// members (375 px phone) follow the links in their emails to declare for one lot and not the other, to say No with
/// a reason, and to accept a share; the adviser requests changes, then approves. Whenever someone waits on another,
/// they reload their page as a person would. Each step is checked with axe-core and photographed into
/// artifacts/screenshots/&lt;journey&gt;/NN-step.png. The tests are one story, run in order.
/// </summary>
[NonParallelizable]
public sealed partial class JourneyTests
{
    private const string LeadEmail = "bids@grampian-consortium.example";
    private const string AdviserEmail = "adviser@p4p.example";
    private const string Taxi = "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json";

    private WebNode _node = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private JourneyPage _lead = null!;
    private JourneyPage _member = null!;
    private JourneyPage _adviser = null!;
    private string _opportunityPath = "";
    private List<(string Email, string Link)> _invited = [];
    private string _declaringName = "";
    private string? _broken;

    [OneTimeSetUp]
    public async Task Start()
    {
        Chromium.Require();
        _node = await WebNode.StartAsync(new Dictionary<string, string> { ["Security:SignInPermitLimit"] = "1000" });
        // Accounts are made by whoever runs the node (`tender users add`); everything after is done on the pages.
        var accounts = new AccountStore(_node.App.Services.GetRequiredService<NodeSettings>().ConnectionString);
        await accounts.AddAsync(LeadEmail, AccountRoles.Lead, Consortia.Default);
        await accounts.AddAsync(AdviserEmail, AccountRoles.Adviser, null);
        (_playwright, _browser) = await Chromium.LaunchAsync();
        var address = _node.Http.BaseAddress!.ToString();
        _lead = await JourneyPage.OpenAsync(_browser, address, "lead", phone: false);
        _member = await JourneyPage.OpenAsync(_browser, address, "member", phone: true);
        _adviser = await JourneyPage.OpenAsync(_browser, address, "adviser", phone: false);
    }

    /// <summary>
    /// The tests are one story: after a failed step the later ones fail at once, naming it, instead of each waiting
    /// out its timeout for what cannot come (a failure, not "inconclusive", so no later step can pass unseen).
    /// </summary>
    [SetUp]
    public void EarlierStepsPassed() =>
        Assert.That(_broken, Is.Null, $"the journey stopped at an earlier step: {_broken}");

    [TearDown]
    public void NoteFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed) _broken ??= TestContext.CurrentContext.Test.Name;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_node is not null) await _node.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task A_bad_member_link_gets_a_plain_page_that_reveals_nothing()
    {
        await _member.GoAsync("/d/" + new string('A', 43));
        Assert.Multiple(async () =>
        {
            Assert.That(await _member.Css("h1").InnerTextAsync(), Is.EqualTo("Link not valid"));
            Assert.That(await _member.TextAsync(), Does.Contain("This link is not valid."));
            Assert.That(await _member.Css("main form").CountAsync(), Is.Zero);
        });
        await _member.StepAsync("link-not-valid");
    }

    [Test, Order(2)]
    public async Task Lead_sets_up_the_consortium_imports_a_notice_and_starts_the_bid()
    {
        await SignInAsync(_lead, "/lead", LeadEmail);
        Assert.That(_lead.Path, Is.EqualTo("/lead"));
        Assert.That(await _lead.TextAsync(), Does.Contain("Complete the consortium profile before you start a bid."));
        await _lead.StepAsync("dashboard-empty");

        // The profile, once, from the dashboard's banner.
        await _lead.ClickLinkAsync("Complete the consortium profile");
        // The procurement adviser is part of the profile: no workflow default sends the review anywhere else.
        Assert.That(await _lead.TextAsync(), Does.Contain("Procurement adviser's email").And.Contain("Partnership for Procurement adviser who reviews your bid packs"));
        foreach (var (field, value) in SampleData.Profile(LeadEmail)) await _lead.FillAsync(field, value!.GetValue<string>());
        await _lead.StepAsync("profile");
        await _lead.SubmitAsync("Save profile");
        var profile = await _lead.TextAsync();
        Assert.That(profile, Does.Not.Contain("Complete the consortium profile before you start a bid."));
        Assert.That(profile, Does.Contain("Procurement adviser's email").And.Contain(AdviserEmail), "the check-answers list shows the adviser the lead entered");

        // The lead wants to check the matches before anyone is invited: a setting for new bids, in words. The page is
        // short: the consortium's own settings first, each workflow's timings folded away.
        await _lead.ClickLinkAsync("Rules and settings");
        var folded = await _lead.TextAsync();
        Assert.That(folded, Does.Contain("Your consortium").And.Contain(AdviserEmail).And.Contain("Timings for Lead-partner bid"));
        Assert.That(folded, Does.Not.Contain("Largest share of a lot for one member"), "each workflow's rules are folded");
        Assert.That(await _lead.Page.EvaluateAsync<int>("() => document.documentElement.scrollHeight"), Is.LessThan(3000), "the settings page is short at 1280 px");
        await _lead.StepAsync("settings-folded");
        await _lead.Page.GetByText("Change the timings and rules for new bids").ClickAsync();
        var settings = await _lead.TextAsync();
        Assert.That(settings, Does.Contain("Largest share of a lot for one member").And.Contain("40%").And.Contain("10 days"));
        Assert.That(settings, Does.Not.Contain("maxSharePerMember").And.Not.Contain("P10D").And.Not.Contain("declarationGrace"), "settings in words, never raw keys or ISO durations");
        Assert.That(ExampleAddress().Matches(settings).Select(m => m.Value).Where(a => a != LeadEmail && a != AdviserEmail), Is.Empty,
            "no placeholder address: only the ones the lead entered");
        await _lead.Page.GetByLabel("Confirm the shortlist before members are invited", new PageGetByLabelOptions { Exact = true }).FillAsync("yes");
        await _lead.StepAsync("settings");
        await _lead.SubmitAsync("Save settings for new bids");
        Assert.That(await _lead.TextAsync(), Does.Contain("Settings for new bids saved."));

        // The members' register, as a spreadsheet; a hostile name shows as text. A third taxi firm joins the sample's two.
        await _lead.ClickLinkAsync("Members");
        var csv = Path.Combine(_node.DataFolder, "members.csv");
        await File.WriteAllTextAsync(csv, SampleData.Members(Taxi) +
            "Torry Community Cars SCIO,SCIO,SC051999,Iain Watt,iain@torrycars.scot,01224 555 230,60120000;60130000,Aberdeen City;Aberdeenshire,Real Living Wage,14,300000,200000,GBP,yes,\"Community car scheme and accessible minibuses for patients in Aberdeen.\"\n" +
            "\"<script>window.hacked=1</script> Care\",SCIO,SC099999,Ann Test,ann@hostile.example,,85312500,Orkney Islands,,3,50000,20000,GBP,yes,\"<b>not bold</b>\"\n");
        await _lead.Css("#members-file").SetInputFilesAsync(csv);
        await _lead.SubmitAsync("Import members");
        var members = await _lead.TextAsync();
        Assert.That(members, Does.Contain("<script>window.hacked=1</script> Care"), "a hostile name shows as text");
        Assert.That(await _lead.Page.EvaluateAsync<string>("() => typeof window.hacked"), Is.EqualTo("undefined"));
        await _lead.StepAsync("members-imported");

        // A notice downloaded from Public Contracts Scotland, uploaded on the import page (a missing file is named).
        await _lead.ClickLinkAsync("Opportunities");
        await _lead.ClickLinkAsync("Import a notice");
        await _lead.SubmitAsync("Import");
        Assert.That(await _lead.Css(".govuk-error-summary a").First.GetAttributeAsync("href"), Does.EndWith("#notice-file"));
        var notice = Path.Combine(_node.DataFolder, Taxi);
        await File.WriteAllTextAsync(notice, SampleData.Notice(Taxi));
        await _lead.Css("#notice-file").SetInputFilesAsync(notice);
        await _lead.StepAsync("import-notice");
        await _lead.SubmitAsync("Import");
        Assert.That(await _lead.TextAsync(), Does.Contain("The notice was imported."));
        _opportunityPath = _lead.Path;
        await _lead.StepAsync("notice-imported");

        await _lead.SelectAsync("start-lot0-unit", "sessions");
        await _lead.FillAsync("start-lot0-demand", "1000");
        await _lead.SelectAsync("start-lot1-unit", "sessions");
        await _lead.FillAsync("start-lot1-demand", "200");
        await _lead.SubmitAsync("Start the bid");
        Assert.That(await _lead.TextAsync(), Does.Contain("The bid was started"));
        Assert.That(await _lead.Css("svg.app-workflow .app-workflow__box--current").CountAsync(), Is.Positive, "the technical picture highlights where the bid waits");

        // Confirm partners: the matches wait for the lead before anyone is invited.
        var shortlist = await _lead.ReloadUntilAsync(t => t.Contains("confirm the shortlist", StringComparison.OrdinalIgnoreCase), "the shortlist to confirm");
        Assert.That(shortlist, Does.Contain("Confirm partners"));
        Assert.That(Email.All(_node.DataFolder).Where(e => e.Link(MemberLink()) is not null), Is.Empty, "nobody is invited before the lead confirms");
        await _lead.StepAsync("confirm-partners");
        await _lead.SubmitAsync("Confirm shortlist");
        Assert.That(await _lead.TextAsync(), Does.Contain("Shortlist confirmed: members are invited."));
        await _lead.StepAsync("partners-confirmed");

        var invitations = await EmailsAsync(e => e.Link(MemberLink()) is not null, 3, "three invitations");
        _invited = invitations.GroupBy(e => e.To).Select(g => (g.Key, g.First().Link(MemberLink())!)).ToList();
        Assert.That(_invited, Has.Count.GreaterThanOrEqualTo(3), "the three taxi firms are invited");
    }

    [Test, Order(3)]
    public async Task Members_declare_for_one_lot_or_say_no_on_a_phone_from_their_emails()
    {
        // The first member opens its email's link: questions in the lot's units; the reason for saying No is hidden.
        await _member.GoAsync(_invited[0].Link);
        _declaringName = (await _member.Css(".govuk-caption-l").InnerTextAsync())["For ".Length..];
        Assert.That(await _member.Css("#decline-reason").IsVisibleAsync(), Is.False, "the reason for declining is asked only after No");
        await _member.StepAsync("invitation-opened");
        await _member.ChooseAsync("answer");
        await _member.ChooseAsync("lot0-offer");
        Assert.That(await _member.TextAsync(), Does.Contain("How many sessions can you deliver in Lot 1?"));
        // Lot 2 is left unticked: this member does not offer it.
        await _member.FillAsync("lot0-volume", "5000");
        await _member.FillAsync("lot0-price", "0");
        await _member.FillAsync("lot0-start-day", "31");
        await _member.FillAsync("lot0-start-month", "2");
        await _member.FillAsync("lot0-start-year", "2027");
        await _member.SubmitAsync("Send declaration");
        var summary = await _member.ErrorFieldsAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await _member.Css(".govuk-error-summary__title").InnerTextAsync(), Is.EqualTo("There is a problem"));
            Assert.That(summary, Is.EqualTo(new[] { "lot0-volume", "lot0-price", "lot0-start-day" }));
            Assert.That(await _member.Page.TitleAsync(), Does.StartWith("Error: "));
            foreach (var id in summary)
                Assert.That(await _member.Page.EvaluateAsync<string>("id => { const e = document.getElementById(id); return e.getAttribute('aria-describedby') || e.closest('fieldset').getAttribute('aria-describedby') || ''; }", id),
                    Does.Contain("-error"), $"{id} is described by its inline error");
        });
        await _member.StepAsync("declaration-errors");
        await _member.Css(".govuk-error-summary a").First.ClickAsync();
        Assert.That(await _member.Page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("lot0-volume"), "the summary link moves focus to its field");

        await _member.FillAsync("lot0-volume", "600");
        await _member.FillAsync("lot0-price", "21.50");
        await _member.FillAsync("lot0-start-day", "1");
        await _member.FillAsync("lot0-start-month", "4");
        await _member.FillAsync("lot0-start-year", "2027");
        await _member.FillAsync("lot0-staff", "4");
        await _member.StepAsync("declaration-corrected");
        await _member.SubmitAsync("Send declaration");
        Assert.That(await _member.TextAsync(), Does.Contain("Your declaration was received").And.Contain("lot 1: 600 ").And.Contain(" at £21.50"));
        await _member.StepAsync("declaration-received");

        // The second cannot take part: "No" reveals the reason and hides the lots.
        await _member.GoAsync(_invited[1].Link);
        Assert.That(await _member.Css("#decline-reason").IsVisibleAsync(), Is.False);
        await _member.ChooseAsync("answer-2");
        Assert.That(await _member.Css("#decline-reason").IsVisibleAsync(), Is.True, "No reveals the reason");
        Assert.That(await _member.Css("#declare-details").IsVisibleAsync(), Is.False, "and hides the questions about lots");
        await _member.FillAsync("decline-reason", "Both our accessible vehicles are booked until the summer");
        await _member.StepAsync("decline-reason");
        await _member.SubmitAsync("Send my answer");
        Assert.That(await _member.TextAsync(), Does.Contain("We have recorded that you cannot take part this time"));
        await _member.StepAsync("declined");
    }

    [Test, Order(4)]
    public async Task Lead_closes_declarations_and_approves_the_shares_past_their_guards()
    {
        // One member has not answered: closing now is a choice with a consequence, confirmed on its own page.
        await _lead.GoAsync(_opportunityPath);
        await _lead.ReloadUntilAsync(t => t.Contains("1 received, 1 pending, 1 declined"), "the two answers", 60);
        await _lead.StepAsync("declarations-in");
        await _lead.SubmitAsync("Close declarations now");
        Assert.That(await _lead.Css("h1").InnerTextAsync(), Is.EqualTo("Close declarations now?"));
        await _lead.StepAsync("close-guard");
        await _lead.SubmitAsync("Close declarations anyway");

        var proposed = await _lead.ReloadUntilAsync(t => t.Contains("Approve allocation"), "the proposed shares");
        Assert.That(proposed, Does.Contain(_declaringName));
        await _lead.SelectAsync("override-share", (await _lead.Css("#override-share option").AllInnerTextsAsync()).First(t => t.StartsWith("Lot 1 – " + _declaringName, StringComparison.Ordinal)));
        await _lead.FillAsync("override-volume", "550");
        await _lead.SubmitAsync("Set this share");
        Assert.That(await _lead.ErrorFieldsAsync(), Is.EqualTo(new[] { "override-reason" }));
        await _lead.FillAsync("override-reason", "Runs the only wheelchair-accessible vehicles in Aberdeen");
        await _lead.SubmitAsync("Set this share");
        Assert.That(await _lead.TextAsync(), Does.Contain("The share was set").And.Contain("Set by the lead: Runs the only wheelchair-accessible vehicles in Aberdeen"));
        await _lead.StepAsync("shares-proposed");

        await _lead.SubmitAsync("Approve allocation");
        Assert.That(await _lead.TextAsync(), Does.Contain("Approve shares that leave a gap?"), "lot 2 has no offer: the lead is asked to confirm");
        await _lead.StepAsync("approve-guard");
        await _lead.SubmitAsync("Approve anyway");
        Assert.That(await _lead.TextAsync(), Does.Contain("You approved the allocation"));
        await _lead.StepAsync("shares-approved");
    }

    [Test, Order(5)]
    public async Task Member_accepts_its_share_from_its_email()
    {
        var mails = await EmailsAsync(e => e.To == _invited[0].Email && e.Link(MemberLink()) is not null, 2, "the email offering the share");
        await _member.GoAsync(mails[^1].Link(MemberLink())!);
        var page = await _member.TextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("You are offered this share of the work"));
            Assert.That(page, Does.Contain("Accept your share by"));
            Assert.That(page, Does.Contain("If you accept, you agree to"));
            Assert.That(page, Does.Not.Contain("Declarations are closed").And.Not.Contain("Answer by: Declarations"));
        });
        await _member.StepAsync("share-offered");
        await _member.ClickAsync(_member.Css("#consent-accept"));
        Assert.That(await _member.TextAsync(), Does.Contain("You accepted your share").And.Contain("no longer deliver this share"));
        await _member.StepAsync("share-accepted");
    }

    [Test, Order(6)]
    public async Task Lead_sees_the_acceptance_and_receives_the_bid_pack()
    {
        await _lead.GoAsync(_opportunityPath);
        var page = await _lead.ReloadUntilAsync(t => t.Contains("Waiting for the adviser"), "the bid pack to reach the adviser", 180);
        Assert.That(page, Does.Contain("Accepted"), "the member's acceptance shows");
        await _lead.StepAsync("pack-with-adviser");
        var pack = _lead.Css("#documents ~ ul a").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(@"^Bid pack, version 1 \(Word\)$") }).First;
        var download = await _lead.Page.RunAndWaitForDownloadAsync(() => pack.ClickAsync());
        var file = Path.Combine(_node.DataFolder, "downloaded-" + download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var head = new byte[2];
        await using (var stream = File.OpenRead(file)) await stream.ReadExactlyAsync(head);
        Assert.That(head, Is.EqualTo("PK"u8.ToArray()), "the bid pack downloads as a Word document");
    }

    [Test, Order(7)]
    public async Task Adviser_requests_changes()
    {
        await SignInAsync(_adviser, "/adviser", AdviserEmail);
        await _adviser.StepAsync("review-queue");
        await _adviser.ClickAsync(_adviser.Css("main table a").First);
        Assert.That(await _adviser.TextAsync(), Does.Contain("Automatic checks"));
        await _adviser.StepAsync("review");
        await _adviser.ChooseAsync("decision-2");
        await _adviser.SubmitAsync("Send decision");
        Assert.That(await _adviser.ErrorFieldsAsync(), Is.EqualTo(new[] { "decision-summary" }));
        await _adviser.StepAsync("summary-needed");
        await _adviser.SelectAsync("comment-section", "Social value and community benefits");
        await _adviser.FillAsync("comment-text", "Quantify the local jobs per member.");
        await _adviser.SubmitAsync("Add comment");
        Assert.That(await _adviser.TextAsync(), Does.Contain("Your comment was saved"));
        await _adviser.ChooseAsync("decision-2");
        await _adviser.FillAsync("decision-summary", "Add the social value figures, then send it again.");
        await _adviser.SubmitAsync("Send decision");
        Assert.That(await _adviser.TextAsync(), Does.Contain("You requested changes"));
        await _adviser.StepAsync("changes-requested");
    }

    [Test, Order(8)]
    public async Task Lead_answers_the_adviser()
    {
        await _lead.GoAsync(_opportunityPath);
        var page = await _lead.ReloadUntilAsync(t => t.Contains("The adviser asked for changes"), "the adviser's request");
        Assert.That(page, Does.Contain("Quantify the local jobs per member.").And.Contain("Add the social value figures"), "the lead sees the adviser's words");
        await _lead.StepAsync("changes-requested");
        await _lead.SubmitAsync("Continue");
        Assert.That(await _lead.TextAsync(), Does.Contain("The bid went back as you chose."));
        await _lead.ReloadUntilAsync(t => t.Contains("Waiting for the adviser"), "the second version to reach the adviser", 180);
        await _lead.StepAsync("sent-back-to-adviser");
    }

    [Test, Order(9)]
    public async Task Adviser_approves_giving_a_reason_for_each_failed_check()
    {
        await _adviser.ClickLinkAsync("Review queue");
        await _adviser.ClickAsync(_adviser.Css("main table a").First);
        // The lead sent the same pack back without changing it: the adviser is told before deciding.
        Assert.That(await _adviser.TextAsync(), Does.Contain("Version 2 changes nothing since version 1"));
        await _adviser.StepAsync("second-version");
        var reasons = await _adviser.Css("textarea[id^='accept-']").EvaluateAllAsync<string[]>("t => t.map(e => e.id)");
        if (reasons.Length > 0)
        {
            await _adviser.ChooseAsync("decision");
            await _adviser.SubmitAsync("Send decision");
            Assert.That(await _adviser.ErrorFieldsAsync(), Is.EqualTo(reasons));
            await _adviser.StepAsync("reasons-needed");
            foreach (var id in reasons) await _adviser.FillAsync(id, "Accepted: the buyer confirmed this by clarification.");
        }

        await _adviser.ChooseAsync("decision");
        await _adviser.SubmitAsync("Send decision");
        Assert.That(await _adviser.TextAsync(), Does.Contain("You approved the bid pack"));
        if (reasons.Length > 0) Assert.That(await _adviser.TextAsync(), Does.Contain("Failed checks accepted with the approval"));
        await _adviser.StepAsync("approved");
    }

    [Test, Order(10)]
    public async Task Lead_records_the_submission_and_the_outcome()
    {
        await _lead.GoAsync(_opportunityPath);
        await _lead.ReloadUntilAsync(t => t.Contains("What to do next: Submit the bid on the buyer's portal"), "the approved bid to wait for its submission");
        Assert.That(await _lead.TextAsync(), Does.Contain("Bid pack version 2 changes nothing since version 1"));
        await _lead.StepAsync("submit");
        await _lead.FillAsync("submission-reference", "PCS-JOURNEY-1");
        var reasons = await _lead.Css("textarea[id^='accept-']").EvaluateAllAsync<string[]>("t => t.map(e => e.id)");
        foreach (var id in reasons) await _lead.FillAsync(id, "Submitted with it: the buyer confirmed by clarification.");
        await _lead.SubmitAsync("Record the submission");
        Assert.That(await _lead.TextAsync(), Does.Contain("The submission was recorded").And.Contain("reference PCS-JOURNEY-1"));
        await _lead.StepAsync("submitted");

        await _lead.ReloadUntilAsync(t => t.Contains("Record the outcome"), "the bid to wait for the outcome");
        await _lead.ChooseAsync("outcome-lots");
        await _lead.StepAsync("record-outcome");
        await _lead.SubmitAsync("Record the outcome");
        Assert.That(await _lead.TextAsync(), Does.Contain("The outcome was recorded"));
        await _lead.ReloadUntilAsync(t => t.Contains("Lot 1: won") && t.Contains("Lot 2: not won"), "the outcome to show");
        await _lead.StepAsync("outcome");
        await _lead.ClickLinkAsync("Opportunities");
        await _lead.StepAsync("dashboard");
        await _lead.ClickAsync(_lead.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out", Exact = true }));
        Assert.That(_lead.Path, Is.EqualTo("/sign-in"), "signed out");
    }

    private async Task SignInAsync(JourneyPage browser, string path, string email)
    {
        bool SignInMail(Email e) => e.To.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Link(SignInLink()) is not null;
        var before = Email.All(_node.DataFolder).Count(SignInMail);
        await browser.GoAsync(path);
        Assert.That(browser.Path, Is.EqualTo("/sign-in"), "a signed-out visitor is sent to sign in");
        await browser.FillAsync("email", email);
        await browser.StepAsync("sign-in");
        await browser.SubmitAsync("Email me a sign-in link");
        Assert.That(await browser.Css("h1").InnerTextAsync(), Is.EqualTo("Check your email"));
        var mails = await EmailsAsync(SignInMail, before + 1, $"a sign-in email to {email}");
        await browser.GoAsync(mails[^1].Link(SignInLink())!);
        Assert.That(await browser.TextAsync(), Does.Contain(email), "the link's page says who is signing in");
        await browser.StepAsync("sign-in-link");
        await browser.SubmitAsync("Continue");
    }

    /// <summary>The emails in the node's pickup folder, as the recipients' mailboxes would receive them.</summary>
    private async Task<IReadOnlyList<Email>> EmailsAsync(Func<Email, bool> match, int count, string what)
    {
        IReadOnlyList<Email> found = [];
        await Browser.WaitAsync(() =>
        {
            found = Email.All(_node.DataFolder).Where(match).ToList();
            return Task.FromResult(found.Count >= count);
        }, what);
        return found;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)*\.example\b")]
    private static partial Regex ExampleAddress();

    [GeneratedRegex(@"https?://[^\s/]+/d/[A-Za-z0-9_-]{43}")]
    private static partial Regex MemberLink();

    [GeneratedRegex(@"https?://[^\s/]+/sign-in/verify\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex SignInLink();
}
