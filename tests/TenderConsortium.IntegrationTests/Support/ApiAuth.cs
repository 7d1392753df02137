using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Host;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>
/// Accounts for API tests on a <see cref="WebNode"/>: a lead with an API key (as `tender users add` and `users apikey`
/// make them), and a browser session signed in through the real emailed link.
/// </summary>
public static partial class ApiAuth
{
    /// <summary>Makes the node's own client a lead of the default consortium, by API key.</summary>
    public static async Task<string> AuthenticateAsLeadAsync(this WebNode node, string email = "lead@default-consortium.example")
    {
        var key = await LeadKeyAsync(node, email);
        node.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return key;
    }

    public static AccountStore Accounts(WebNode node) => new(node.App.Services.GetRequiredService<NodeSettings>().ConnectionString);

    /// <summary>Adds a lead (of <paramref name="consortium"/>, the default one when null) and returns a new API key for it.</summary>
    public static async Task<string> LeadKeyAsync(WebNode node, string email, string? consortium = null)
    {
        var accounts = Accounts(node);
        if (await accounts.FindByEmailAsync(email) is null) await accounts.AddAsync(email, AccountRoles.Lead, consortium);
        return await accounts.IssueApiKeyAsync(email);
    }

    /// <summary>A client that sends <paramref name="key"/> as a Bearer token (or no credentials at all when null).</summary>
    public static HttpClient Client(WebNode node, string? key = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node.Http.BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through an emailed link.</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(WebNode node, string email)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = node.Http.BaseAddress };
        var link = await RequestLinkAsync(node, client, email);
        var verify = await RedeemLinkAsync(client, link);
        if (verify.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in link answered {(int)verify.StatusCode}");
        return (client, cookies);
    }

    /// <summary>
    /// What a person does with the emailed link: opens it (a page with a button, which leaves the link unspent) and
    /// presses Continue. Returns the page's answer when it has no button, else the POST's. <paramref name="client"/>
    /// must keep cookies (the form's antiforgery cookie).
    /// </summary>
    public static async Task<HttpResponseMessage> RedeemLinkAsync(HttpClient client, string link)
    {
        var page = await client.GetAsync(link.StartsWith("http", StringComparison.Ordinal) && client.BaseAddress is not null ? new Uri(link).PathAndQuery : link);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = WebText.AntiforgeryToken(html);
        var token = TokenField().Match(html);
        if (page.StatusCode != HttpStatusCode.OK || antiforgery is null || !token.Success) return page;
        return await client.PostAsync(new Uri(page.RequestMessage!.RequestUri!, "/sign-in/verify"), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", antiforgery),
            new("token", WebUtility.HtmlDecode(token.Groups[1].Value)),
        ]));
    }

    /// <summary>Asks for a sign-in link and returns it, as read from the .eml file the pickup transport writes.</summary>
    public static async Task<string> RequestLinkAsync(WebNode node, HttpClient client, string email)
    {
        var outbox = Path.Combine(node.DataFolder, "outbox");
        var before = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "sign-in-*.eml").ToHashSet() : [];
        var response = await client.PostAsync("/api/sign-in", new StringContent($$"""{"email": "{{email}}"}""", Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"sign-in request answered {(int)response.StatusCode}");
        return await WaitForLinkAsync(outbox, before);
    }

    public static async Task<string> WaitForLinkAsync(string outbox, IReadOnlySet<string> before, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(outbox) && Directory.GetFiles(outbox, "sign-in-*.eml").FirstOrDefault(f => !before.Contains(f)) is { } file)
            {
                using var message = await MimeKit.MimeMessage.LoadAsync(file);
                var text = message.TextBody ?? "";
                return Link().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("no sign-in link in the email:\n" + text);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no sign-in email arrived in the pickup folder");
    }

    [GeneratedRegex(@"https?://\S+/sign-in/verify\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex Link();

    [GeneratedRegex("name=\"token\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
