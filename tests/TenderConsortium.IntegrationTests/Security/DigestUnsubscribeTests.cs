using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Notifications;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// The daily digest's one-click unsubscribe (RFC 8058) through the real web host: the POST a mail system sends stops
/// the digest with no cookie and no antiforgery token, from any origin, because the link's token is the credential;
/// opening the link only shows a button; a forged or altered token changes nothing and counts as a bad link.
/// </summary>
public sealed class DigestUnsubscribeTests
{
    private const string Member = "Morag.Fraser@deesidetransport.scot";

    [Test]
    public async Task The_one_click_post_stops_the_digest_and_nothing_else_does()
    {
        await using var node = await WebNode.StartAsync();
        var preferences = node.App.Services.GetRequiredService<MailPreferences>();
        await preferences.SetDigestAsync(Member, digest: true);
        await preferences.SetDigestAsync("someone.else@members.example", digest: true);
        var link = node.App.Services.GetRequiredService<PublicLinks>().DigestUnsubscribe(node.App.Services.GetRequiredService<DigestUnsubscribeTokens>().Issue(Member));
        var path = new Uri(link).AbsolutePath;
        using var mailSystem = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node.Http.BaseAddress };

        // A scanner opening the link: a page with the button, and the digest still on.
        var page = await mailSystem.GetAsync(path);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Stop my daily digest").And.Contain($"action=\"{path}\"").And.Contain("name=\"List-Unsubscribe\" value=\"One-Click\""));
        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await preferences.WantsDigestAsync(Member), Is.True, "opening the link changes nothing");

        // A POST without the one-click field is refused, naming it.
        var bare = await mailSystem.PostAsync(path, new FormUrlEncodedContent([]));
        Assert.That(bare.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bare.Content.ReadAsStringAsync(), Does.Contain("List-Unsubscribe=One-Click"));

        // Another member's address with this link's MAC, or a made-up token: 403, nothing changes.
        var token = path[(path.LastIndexOf('/') + 1)..];
        var otherAddress = Convert.ToBase64String("someone.else@members.example"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var forged in new[] { otherAddress + token[token.IndexOf('.')..], "bm9ib2R5.QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE", "not-a-token" })
        {
            var refused = await mailSystem.PostAsync($"/mail/unsubscribe/{forged}", OneClick());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), forged);
        }

        Assert.That(await preferences.WantsDigestAsync("someone.else@members.example"), Is.True);

        // The mail system's POST (RFC 8058 §3.1: no cookie, no credentials), here even with another site's Origin.
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = OneClick() };
        post.Headers.Add("Origin", "https://mail.example.com");
        var done = await mailSystem.SendAsync(post);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK), await done.Content.ReadAsStringAsync());
        Assert.That(WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()), Does.Contain("Daily digest stopped").And.Contain(Member.ToLowerInvariant()));
        Assert.That(await preferences.WantsDigestAsync(Member), Is.False);
        Assert.That(await preferences.WantsDigestAsync("someone.else@members.example"), Is.True, "only the link's own address");
    }

    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
}
