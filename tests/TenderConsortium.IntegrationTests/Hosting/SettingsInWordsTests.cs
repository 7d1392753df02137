using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>
/// The lead's rules and settings read as words: labels, days, percentages, a field per allocation rule, nothing
/// typed or shown as JSON, an ISO duration, an escape or a setting's key; and the header names the consortium from its
/// profile once there is one.
/// </summary>
[NonParallelizable]
public sealed partial class SettingsInWordsTests
{
    private const string Lead = "lead@default-consortium.example";

    /// <summary>Every key a setting or an allocation rule has in the shipped workflows (but "reminders", an English word): none may reach a person.</summary>
    private static readonly string[] Keys =
    [
        "consortiumName", "leadName", "leadEmail", "adviserEmail", "confirmShortlist", "declarationPeriod", "declarationGrace", "invitePerLot",
        "completeWhenAllAnswered", "consentPeriod", "rotationWindow", "socialValueFullMeasures", "lotTerms", "reviewPeriod", "submissionWarning",
        "managementFee", "leadBody", "leadRegistration", "leadAddress", "reviewThreshold", "maxSharePerMember", "microMinShare", "microStaffBelow",
        "priceWeight", "qualityWeight", "socialValueWeight", "localityWeight", "rotationWeight", "concentrationWeight", "opportunityId", "contractId", "referencePrice",
    ];

    private WebNode _node = null!;
    private HttpClient _page = null!;

    [SetUp]
    public async Task Start()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync(Lead);
        (_page, _) = await ApiAuth.SignInAsync(_node, Lead);
    }

    [TearDown]
    public async Task Stop()
    {
        _page.Dispose();
        await _node.DisposeAsync();
    }

    /// <summary>What a person reads: the page without its tags, scripts' addresses and attributes, entities decoded.</summary>
    private static string Visible(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));

    private static void AssertInWords(string html, string page)
    {
        var text = Visible(html);
        Assert.Multiple(() =>
        {
            Assert.That(IsoDuration().Matches(text).Select(m => m.Value), Is.Empty, $"{page}: ISO durations");
            Assert.That(text, Does.Not.Contain("{").And.Not.Contain("}"), $"{page}: JSON");
            Assert.That(html, Does.Not.Contain("\\u00"), $"{page}: escapes");
            Assert.That(Keys.Where(k => Regex.IsMatch(text, $@"\b{k}\b")), Is.Empty, $"{page}: raw setting keys");
        });
    }

    [Test]
    public async Task The_settings_page_shows_and_takes_every_setting_in_words()
    {
        var page = await _page.GetStringAsync("/lead/settings");
        AssertInWords(page, "settings");
        Assert.That(Visible(page), Does.Contain("Largest share of a lot for one member").And.Contain("Default: 40%")
            .And.Contain("You set this for each bid, lot by lot").And.Contain("Time members have to declare"));

        var token = WebText.AntiforgeryToken(page)!;
        var refused = await _page.PostAsync("/lead/settings", Form(("__RequestVerificationToken", token), ("workflow", "lead-partner-bid"),
            ("setting-allocation-maxSharePerMember", "lots"), ("setting-declarationPeriod", "P14D"), ("setting-reminders", "3 days, soon")));
        var refusedPage = await refused.Content.ReadAsStringAsync();
        var saved = await _page.PostAsync("/lead/settings", Form(("__RequestVerificationToken", token), ("workflow", "lead-partner-bid"),
            ("setting-allocation-maxSharePerMember", "35%"), ("setting-allocation-microStaffBelow", "12"), ("setting-declarationPeriod", "14 days"),
            ("setting-reminders", "5 days, 1 day")));
        var after = await _page.GetStringAsync("/lead/settings");

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(Visible(refusedPage), Does.Contain("Enter a percentage from 0 to 100, for example 40%")
                .And.Contain("Enter a number of days or hours, for example 10 days")
                .And.Contain("Enter days before the deadline, separated by commas, for example 3 days, 1 day"));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(after, Does.Contain("value=\"35%\"").And.Contain("value=\"12\"").And.Contain("value=\"14 days\"").And.Contain("value=\"5 days, 1 day\""),
                "saved values come back as the person typed them");
        });
        AssertInWords(after, "settings after saving");
    }

    [Test]
    public async Task The_settings_page_is_short_the_consortium_first_and_each_workflows_timings_folded()
    {
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", new StringContent(SampleData.Profile(Lead).ToJsonString(), Encoding.UTF8, "application/json")));
        var page = await _page.GetStringAsync("/lead/settings");
        var main = page[page.IndexOf("<main", StringComparison.Ordinal)..];
        var top = Visible(main[..main.IndexOf("<details", StringComparison.Ordinal)]);
        var folds = Regex.Matches(main, @"<details class=""govuk-details""( open)?[^>]*>\s*<summary class=""govuk-details__summary""><span class=""govuk-details__summary-text"">([^<]*)</span>");

        Assert.Multiple(() =>
        {
            Assert.That(top, Does.Contain("Your consortium").And.Contain("Default Social Enterprise Consortium Ltd").And.Contain("Procurement adviser's email")
                .And.Contain(SampleData.Adviser).And.Contain("Workflow for new bids"), "the consortium's own settings, at the top");
            Assert.That(top, Does.Not.Contain("Largest share of a lot for one member").And.Not.Contain("Time members have to declare"), "nothing of a workflow before the folds");
            Assert.That(folds.Select(m => m.Groups[2].Value), Does.Contain("Timings for Lead-partner bid").And.Contain("Timings for Contract delivery")
                .And.Contain("Change the timings and rules for new bids"));
            Assert.That(folds.Select(m => m.Groups[2].Value), Has.None.Contain("Approval demo"), "the runtime's example is nothing a coordinator sets");
            Assert.That(folds.Where(m => m.Groups[1].Success), Is.Empty, "every fold closed until the lead opens it");
            Assert.That(AnyExampleAddress().Matches(Visible(main)).Select(m => m.Value).Distinct().Where(a => a != Lead && a != SampleData.Adviser), Is.Empty,
                "no placeholder address: only the profile's own");
            Assert.That(Visible(main), Does.Not.Contain("not yet given").And.Not.Contain("The consortium's bid team"), "no placeholder person");
        });
        AssertInWords(page, "settings, folded");
    }

    [Test]
    public async Task The_header_names_the_consortium_from_its_profile_once_there_is_one()
    {
        var before = await _page.GetStringAsync("/lead");
        await WebNode.Ok(_node.Http.PutAsync("/api/consortium/profile", new StringContent(SampleData.Profile(Lead).ToJsonString(), Encoding.UTF8, "application/json")));
        var after = await _page.GetStringAsync("/lead/settings");

        Assert.Multiple(() =>
        {
            Assert.That(HeaderName().Match(before).Groups[1].Value, Is.EqualTo("TenderConsortium"));
            Assert.That(WebUtility.HtmlDecode(HeaderName().Match(after).Groups[1].Value), Is.EqualTo("Default Social Enterprise Consortium Ltd"));
            Assert.That(WebUtility.HtmlDecode(after), Does.Contain("<title>Rules and settings – Default Social Enterprise Consortium Ltd</title>"));
        });
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)*\.example\b")]
    private static partial Regex AnyExampleAddress();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\bP\d+[DWMY]\b|\bPT\d")]
    private static partial Regex IsoDuration();

    [GeneratedRegex("<a class=\"app-header__name\"[^>]*>([^<]*)</a>")]
    private static partial Regex HeaderName();
}
