using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Host;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>Passwordless sign-in by emailed link, the cookie it sets, sign-out, and the limits on trying.</summary>
[NonParallelizable]
public sealed class SignInTests
{
    private TenantsNode _tenants = null!;

    [SetUp]
    public async Task Start()
    {
        _tenants = await TenantsNode.StartAsync(seed: false);
        await ApiAuth.Accounts(_tenants.Node).AddAsync("lead@alpha.example", AccountRoles.Lead, "Alpha");
        await ApiAuth.Accounts(_tenants.Node).AddAsync("adviser@p4p.example", AccountRoles.Adviser, null);
    }

    [TearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    private string Outbox => Path.Combine(_tenants.Node.DataFolder, "outbox");

    [Test]
    public async Task A_lead_signs_in_with_the_emailed_link_once_and_gets_a_secure_cookie()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _tenants.Node.Http.BaseAddress };
        var link = await ApiAuth.RequestLinkAsync(_tenants.Node, browser, "  Lead@Alpha.example ");
        var path = new Uri(link).PathAndQuery;

        // A mail scanner fetching the link first (Outlook Safe Links does) must not spend it.
        var scanned = await ApiAuth.Client(_tenants.Node).GetAsync(path);
        var confirm = await browser.GetAsync(path);
        var first = await ApiAuth.RedeemLinkAsync(browser, path);
        var setCookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tender.auth=", StringComparison.Ordinal));
        using var me = JsonDocument.Parse(await TenantsNode.Ok(browser.GetAsync("/api/me")));
        var again = await ApiAuth.Client(_tenants.Node).GetAsync(path);

        Assert.Multiple(async () =>
        {
            Assert.That(scanned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(scanned.Headers.Contains("Set-Cookie") && scanned.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tender.auth=", StringComparison.Ordinal)),
                Is.False, "opening the link does not sign in");
            Assert.That(await confirm.Content.ReadAsStringAsync(), Does.Contain("lead@alpha.example").And.Contain("Continue"),
                "the page says who is signing in and asks to continue");
            Assert.That(confirm.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(first.Headers.Location?.ToString(), Is.EqualTo("/lead"));
            Assert.That(setCookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
            Assert.That(setCookie, Does.Not.Contain("expires").IgnoreCase, "a session cookie: it ends with the browser");
            Assert.That(me.RootElement.GetProperty("role").GetString(), Is.EqualTo("lead"));
            Assert.That(me.RootElement.GetProperty("consortium").GetProperty("name").GetString(), Is.EqualTo("Alpha"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the link works once");
            Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("not valid"));
        });
    }

    [Test]
    public async Task An_adviser_lands_on_the_adviser_pages()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _tenants.Node.Http.BaseAddress };
        var link = await ApiAuth.RequestLinkAsync(_tenants.Node, browser, "adviser@p4p.example");
        var response = await ApiAuth.RedeemLinkAsync(browser, link);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/adviser"));
    }

    [Test]
    public async Task An_unknown_address_gets_the_same_202_and_no_email()
    {
        var known = await _tenants.Anonymous.PostAsync("/api/sign-in", TenantsNode.Json("""{"email": "lead@alpha.example"}"""));
        var unknown = await _tenants.Anonymous.PostAsync("/api/sign-in", TenantsNode.Json("""{"email": "nobody@alpha.example"}"""));
        await ApiAuth.WaitForLinkAsync(Outbox, new HashSet<string>());
        await Task.Delay(300);
        Assert.Multiple(async () =>
        {
            Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
            Assert.That(Directory.GetFiles(Outbox, "sign-in-*.eml"), Has.Length.EqualTo(1), "only the known address was written to");
        });
    }

    [Test]
    public async Task The_token_is_stored_only_hashed_and_expires_after_15_minutes()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var connection = _tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString;
        var store = new AccountStore(connection, clock);
        var issued = (await store.IssueSignInTokenAsync("lead@alpha.example"))!.Value;
        var stored = await Scalar(connection, "SELECT group_concat(token_hash) FROM sign_in_tokens");
        Assert.That(stored, Does.Not.Contain(issued.Token));
        Assert.That(stored, Does.Contain(Secrets.Hash(issued.Token)));

        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.That(await store.RedeemSignInTokenAsync(issued.Token), Is.Null, "expired");

        var fresh = (await store.IssueSignInTokenAsync("lead@alpha.example"))!.Value;
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.That((await store.RedeemSignInTokenAsync(fresh.Token))?.Email, Is.EqualTo("lead@alpha.example"));
        Assert.That(await store.RedeemSignInTokenAsync(fresh.Token), Is.Null, "used");
    }

    [Test]
    public async Task Sign_out_needs_the_forms_antiforgery_token_and_ends_the_session()
    {
        var (browser, _) = await ApiAuth.SignInAsync(_tenants.Node, "lead@alpha.example");
        var page = await browser.GetAsync("/lead");
        var html = await page.Content.ReadAsStringAsync();
        var token = WebText.AntiforgeryToken(html);
        Assume.That(token, Is.Not.Null, "the lead pages render a sign-out form with an antiforgery token");

        var forged = await browser.PostAsync("/sign-out", new FormUrlEncodedContent([]));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still signed in");

        var signOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token!)]));
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_removed_account_is_signed_out_at_its_next_request()
    {
        var (browser, _) = await ApiAuth.SignInAsync(_tenants.Node, "lead@alpha.example");
        Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ApiAuth.Accounts(_tenants.Node).RemoveAsync("lead@alpha.example");
        var after = await browser.GetAsync("/api/me");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Sign_in_requests_are_rate_limited_per_client_with_429_and_Retry_After()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 15 && limited is null; i++)
        {
            var response = await _tenants.Anonymous.PostAsync("/api/sign-in", TenantsNode.Json($$"""{"email": "someone{{i}}@example.org"}"""));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.That(limited, Is.Not.Null, "more than 10 a minute from one client are refused");
        Assert.That(limited!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await _tenants.Anonymous.GetAsync("/sign-in/verify?token=x")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests),
            "link checks share the limit");
    }

    [Test]
    public async Task Guessing_sign_in_links_is_slowed_like_member_links()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) statuses.Add((await _tenants.Anonymous.GetAsync($"/sign-in/verify?token=guess{i}")).StatusCode);
        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    private static async Task<string> Scalar(string connection, string sql)
    {
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }

}
