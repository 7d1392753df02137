using System.Net;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// Behind a load balancer every request arrives from the balancer's address. With the balancer configured
/// (Proxy:KnownProxies), the throttles count each real client apart, so one client's flood locks out only itself;
/// without it, or from any other hop, X-Forwarded-For is ignored and cannot be used to dodge a throttle. The test
/// client connects from 127.0.0.1, which plays the balancer when configured.
/// </summary>
[NonParallelizable]
public sealed class ForwardedHeadersTests
{
    private const string Attacker = "203.0.113.5";
    private const string Neighbour = "203.0.113.6";

    [Test]
    public async Task Behind_a_configured_proxy_a_flood_from_one_client_does_not_lock_out_another()
    {
        await using var tenants = await TenantsNode.StartAsync(new Dictionary<string, string> { ["Proxy:KnownProxies:0"] = "127.0.0.1" });

        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) signIns.Add((await SendAsync(tenants, HttpMethod.Post, "/api/sign-in", Attacker, """{"email": "x@example.org"}""")).StatusCode);
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) guesses.Add((await SendAsync(tenants, HttpMethod.Get, $"/api/invitations/guess{i}", Attacker)).StatusCode);

        var neighbourSignIn = await SendAsync(tenants, HttpMethod.Post, "/api/sign-in", Neighbour, """{"email": "y@example.org"}""");
        var neighbourLink = await SendAsync(tenants, HttpMethod.Get, $"/api/invitations/{tenants.MemberToken}", Neighbour);
        var neighbourPage = await SendAsync(tenants, HttpMethod.Get, $"/d/{tenants.MemberToken}", Neighbour);
        Assert.Multiple(() =>
        {
            Assert.That(signIns.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests), "the attacker is limited");
            Assert.That(guesses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests), "the attacker's guessing is slowed");
            Assert.That(neighbourSignIn.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another client behind the same balancer still signs in");
            Assert.That(neighbourLink.StatusCode, Is.EqualTo(HttpStatusCode.OK), "and still opens its member link");
            Assert.That(neighbourPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase(null, TestName = "No proxy configured: X-Forwarded-For cannot dodge the throttle")]
    [TestCase("10.20.30.40", TestName = "Another hop than the configured proxy: X-Forwarded-For cannot dodge the throttle")]
    public async Task A_client_cannot_choose_its_address_through_an_unconfigured_hop(string? proxy)
    {
        await using var tenants = await TenantsNode.StartAsync(
            proxy is null ? null : new Dictionary<string, string> { ["Proxy:KnownProxies:0"] = proxy }, seed: false);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await SendAsync(tenants, HttpMethod.Post, "/api/sign-in", $"198.51.100.{i}", """{"email": "x@example.org"}""", proto: "https")).StatusCode);
        var last = await SendAsync(tenants, HttpMethod.Get, "/health", "198.51.100.99", proto: "https");
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(10), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(statuses.Skip(10), Is.All.EqualTo(HttpStatusCode.TooManyRequests), "every request counted against the real connection");
            Assert.That(last.Headers.Contains("Strict-Transport-Security"), Is.False, "a forwarded https from an unknown hop is not believed");
        });
    }

    [Test]
    public async Task Https_at_the_configured_proxy_makes_the_cookie_Secure_and_sends_HSTS()
    {
        await using var tenants = await TenantsNode.StartAsync(new Dictionary<string, string> { ["Proxy:KnownNetworks:0"] = "127.0.0.0/8" }, seed: false);
        var health = await SendAsync(tenants, HttpMethod.Get, "/health", Attacker, proto: "https");
        var plain = await SendAsync(tenants, HttpMethod.Get, "/health", Attacker, proto: "http");
        var page = await SendAsync(tenants, HttpMethod.Get, "/sign-in", Attacker, proto: "https");
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.Multiple(() =>
        {
            Assert.That(health.Headers.GetValues("Strict-Transport-Security").Single(), Does.Contain("max-age=31536000"));
            Assert.That(plain.Headers.Contains("Strict-Transport-Security"), Is.False);
            Assert.That(cookies, Is.Not.Empty, "the sign-in form sets its antiforgery cookie");
            Assert.That(cookies, Is.All.Contains("secure").IgnoreCase);
        });
    }

    [Test]
    public async Task A_proxy_setting_that_is_not_an_address_stops_serve_naming_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-proxy-" + Guid.NewGuid().ToString("N"));
        var (exit, output) = await TenderProcess.RunAsync(["serve", "--data", data, "--no-demo", "--urls", $"http://127.0.0.1:{ServeProcess.FreePort()}", "--Proxy:KnownProxies:0=balancer.internal"]);
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Proxy:KnownProxies: 'balancer.internal' is not an IP address"));
    }

    private static async Task<HttpResponseMessage> SendAsync(TenantsNode tenants, HttpMethod method, string path, string forwardedFor, string? json = null, string proto = "http")
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", proto);
        if (json is not null) request.Content = TenantsNode.Json(json);
        return await tenants.Anonymous.SendAsync(request);
    }
}
