using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Host;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// Sessions end on the server: a cookie copied from a browser (the finding) stops working once its session is ended by
/// signing out, signing out everywhere (page or `tender users sign-out`), removing the account or changing its role or
/// consortium; and a session has an absolute end however busy it is kept.
/// </summary>
[NonParallelizable]
public sealed class SessionTests
{
    private const string Lead = "lead@alpha.example";
    private TenantsNode _tenants = null!;

    [SetUp]
    public async Task Start()
    {
        _tenants = await TenantsNode.StartAsync(seed: false);
        await ApiAuth.Accounts(_tenants.Node).AddAsync(Lead, AccountRoles.Lead, "Alpha");
    }

    [TearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    [Test]
    public async Task A_copied_cookie_is_refused_at_its_next_request_after_sign_out()
    {
        var (browser, cookies) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        using var thief = CopyOf(cookies);
        Assert.That((await thief.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session lives");

        var signOut = await PostFormAsync(browser, "/sign-out");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var api = await thief.GetAsync("/api/me");
        var page = await thief.GetAsync("/lead");
        Assert.Multiple(() =>
        {
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(page.Headers.Location?.ToString(), Does.Contain("/sign-in"));
        });
    }

    [Test]
    public async Task The_keys_that_seal_cookies_are_kept_in_the_shared_data_folder()
    {
        var (browser, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        var keys = Path.Combine(_tenants.Node.DataFolder, "keys", "data-protection");
        Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Directory.Exists(keys) ? Directory.GetFiles(keys, "key-*.xml") : [], Is.Not.Empty,
            "every node reading the shared folder can open every node's cookies");
    }

    [Test]
    public async Task Sign_out_everywhere_ends_every_browser_of_the_account_and_no_other()
    {
        var (laptop, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        var (phone, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        await ApiAuth.Accounts(_tenants.Node).AddAsync("other@alpha.example", AccountRoles.Lead, "Alpha");
        var (colleague, _) = await ApiAuth.SignInAsync(_tenants.Node, "other@alpha.example");

        Assert.That((await PostFormAsync(laptop, "/sign-out/everywhere")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.Multiple(async () =>
        {
            Assert.That((await phone.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await laptop.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await colleague.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another account's session is untouched");
        });
    }

    [Test]
    public async Task The_pages_offer_sign_out_everywhere_and_its_form_ends_every_session()
    {
        var (laptop, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        var (phone, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        var page = await (await laptop.GetAsync("/lead")).Content.ReadAsStringAsync();
        var form = System.Text.RegularExpressions.Regex.Match(page, "<form method=\"post\" action=\"/sign-out/everywhere\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.That(form.Success, Is.True, "the signed-in header has the control");
        Assert.That(form.Groups[1].Value, Does.Contain("Sign out everywhere"));
        var token = WebText.AntiforgeryToken(form.Groups[1].Value) ?? throw new InvalidOperationException("the form carries no antiforgery token");

        var posted = await laptop.PostAsync("/sign-out/everywhere", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await phone.GetAsync("/lead")).Headers.Location?.ToString(), Does.Contain("/sign-in"), "the other browser is signed out at its next page");
        Assert.That((await laptop.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_operator_signs_an_account_out_everywhere_from_the_command_line()
    {
        var (browser, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        var run = await TenderProcess.RunAsync(["users", "sign-out", "--email", Lead, "--data", _tenants.Node.DataFolder]);
        var unknown = await TenderProcess.RunAsync(["users", "sign-out", "--email", "nobody@alpha.example", "--data", _tenants.Node.DataFolder]);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(run.Output, Does.Contain("Signed lead@alpha.example out everywhere (1 session ended)"));
            Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.Output);
            Assert.That(unknown.Output, Does.Contain("--email: no account for 'nobody@alpha.example'"));
        });
    }

    [TestCase("role", "adviser")]
    [TestCase("consortium_id", "default")]
    public async Task Changing_the_accounts_role_or_consortium_ends_its_sessions(string column, string value)
    {
        var (browser, _) = await ApiAuth.SignInAsync(_tenants.Node, Lead);
        await using (var db = new SqliteConnection(_tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString))
        {
            await db.OpenAsync();
            await using var update = db.CreateCommand();
            update.CommandText = $"UPDATE users SET {column} = $value WHERE email = $email";
            update.Parameters.AddWithValue("$value", value);
            update.Parameters.AddWithValue("$email", Lead);
            Assert.That(await update.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        Assert.That((await browser.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_session_ends_at_its_absolute_lifetime_and_its_id_is_stored_only_hashed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var connection = _tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString;
        var store = new AccountStore(connection, clock);
        var account = (await store.FindByEmailAsync(Lead))!;
        var session = await store.StartSessionAsync(account.Id, TimeSpan.FromHours(12));

        clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var justBefore = await store.FindSessionAsync(session);
        clock.Advance(TimeSpan.FromSeconds(1));
        var atTheEnd = await store.FindSessionAsync(session);

        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT group_concat(id_hash) FROM user_sessions";
        var stored = (await read.ExecuteScalarAsync())?.ToString() ?? "";
        Assert.Multiple(() =>
        {
            Assert.That(justBefore?.Email, Is.EqualTo(Lead));
            Assert.That(atTheEnd, Is.Null, "however busy, a session ends after its absolute lifetime");
            Assert.That(stored, Does.Contain(Secrets.Hash(session)).And.Not.Contain(session));
        });
    }

    [Test]
    public async Task Sessions_start_end_and_expire_on_PostgreSQL_too()
    {
        var (server, problem) = await PostgresServer.GetAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        var connection = await server.CreateDatabaseAsync();
        await Persistence.TenderDatabase.MigrateAsync(connection);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = new AccountStore(connection, clock);
        var account = await store.AddAsync(Lead, AccountRoles.Lead, "Alpha");
        var signedOut = await store.StartSessionAsync(account.Id, TimeSpan.FromHours(12));
        var everywhere = await store.StartSessionAsync(account.Id, TimeSpan.FromHours(12));
        var expiring = await store.StartSessionAsync(account.Id, TimeSpan.FromMinutes(1));
        Assert.That((await store.FindSessionAsync(signedOut))?.Email, Is.EqualTo(Lead));

        await store.EndSessionAsync(signedOut);
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterSignOut = await store.FindSessionAsync(signedOut);
        var afterExpiry = await store.FindSessionAsync(expiring);
        var stillLive = await store.FindSessionAsync(everywhere);
        var ended = await store.EndAllSessionsAsync(Lead);
        Assert.Multiple(async () =>
        {
            Assert.That(afterSignOut, Is.Null);
            Assert.That(afterExpiry, Is.Null);
            Assert.That(stillLive?.Email, Is.EqualTo(Lead));
            Assert.That(ended, Is.EqualTo(2), "the live one and the expired one not yet cleared");
            Assert.That(await store.FindSessionAsync(everywhere), Is.Null);
        });
    }

    /// <summary>A second client that sends only the browser's tender.auth cookie, as someone who copied it would.</summary>
    private HttpClient CopyOf(CookieContainer cookies)
    {
        var copy = ApiAuth.Client(_tenants.Node);
        var cookie = cookies.GetCookies(_tenants.Node.Http.BaseAddress!)["tender.auth"] ?? throw new InvalidOperationException("no tender.auth cookie");
        copy.DefaultRequestHeaders.Add("Cookie", $"tender.auth={cookie.Value}");
        return copy;
    }

    /// <summary>Posts the antiforgery token of a lead page's sign-out form, as the page's button does.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path)
    {
        var token = WebText.AntiforgeryToken(await (await browser.GetAsync("/lead")).Content.ReadAsStringAsync())
                    ?? throw new InvalidOperationException("no antiforgery token on /lead");
        return await browser.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}
