using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>
/// The first five minutes: `tender serve` on an empty folder seeds the demo bid up to the adviser's review, and the
/// lead who follows the printed link sees that bid at "Adviser review" with its next action; starting it again is
/// refused.
/// </summary>
[NonParallelizable]
public sealed partial class FirstStartTests
{
    [Test]
    public async Task The_seeded_demo_bid_is_the_bid_the_lead_sees_at_adviser_review()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-first-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        using var serve = TenderProcess.Start(["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}"]);
        try
        {
            var until = DateTime.UtcNow.AddSeconds(180);
            while (!serve.Output.Contains("later sign-ins:", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > until) Assert.Fail($"serve printed no links:\n{serve.Output}");
                await Task.Delay(250);
            }

            var lines = serve.Output.Split('\n');
            var signIn = SignInLink().Match(lines.First(l => l.Contains("as the lead", StringComparison.Ordinal))).Value;
            var opportunityPage = new Uri(OpenLink().Match(lines.First(l => l.Contains("then open", StringComparison.Ordinal) && l.Contains("/lead/", StringComparison.Ordinal))).Value);
            var opportunity = opportunityPage.Segments[^1];

            var cookies = new CookieContainer();
            using var lead = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            while (!await ListeningAsync(lead))
            {
                if (DateTime.UtcNow > until) Assert.Fail($"serve never answered /health:\n{serve.Output}");
                await Task.Delay(250);
            }

            var signedIn = await ApiAuth.RedeemLinkAsync(lead, signIn);
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            var dashboard = WebUtility.HtmlDecode(await lead.GetStringAsync("/lead"));
            var page = WebUtility.HtmlDecode(await lead.GetStringAsync(opportunityPage.PathAndQuery));
            var adviserPage = await lead.GetAsync("/adviser");
            var adviserText = WebUtility.HtmlDecode(await adviserPage.Content.ReadAsStringAsync());
            var show = await TenderProcess.RunAsync(["bid", "show", opportunity, "--json", "--data", data]);
            var again = await TenderProcess.RunAsync(["bid", "start", opportunity, "--data", data]);

            Assert.Multiple(() =>
            {
                Assert.That(dashboard, Does.Contain("Adviser review").And.Contain("Wait for the adviser's review"));
                Assert.That(DashboardRow(dashboard, opportunity), Does.Contain("Adviser review").And.Contain("Wait for the adviser's review"),
                    "the seeded bid's own row shows its stage and next action");
                Assert.That(dashboard, Does.Not.Contain("Not started"));
                Assert.That(dashboard, Does.Contain("sample notice, dates moved for the demo"), "the demo says its dates are not the buyer's");
                Assert.That(dashboard, Does.Not.Contain("passed").And.Not.Contain("Complete the consortium profile"), "the demo's deadline is ahead and its profile complete");
                Assert.That(page, Does.Contain("govuk-task-list").And.Contain("Waiting for the adviser").And.Contain("Technical details"));
                Assert.That(adviserPage.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(adviserPage.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
                Assert.That(adviserText, Does.Contain("This page is for the adviser").And.Contain("href=\"/lead\""), "a plain page pointing the lead home");
                Assert.That(page, Does.Contain("Adviser review").And.Not.Contain("Start the bid"));
                Assert.That(show.ExitCode, Is.EqualTo(0), show.Output);
                Assert.That(JsonNode.Parse(show.Output)!["stage"]!.GetValue<string>(), Is.EqualTo("Adviser review"));
                Assert.That(again.ExitCode, Is.EqualTo(2), again.Output);
                Assert.That(again.Output, Does.Contain("already has a bid"));
            });
        }
        finally
        {
            serve.Kill();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The dashboard's table row that links to the opportunity.</summary>
    private static string DashboardRow(string dashboard, string opportunity)
    {
        var link = dashboard.IndexOf($"/lead/opportunities/{opportunity}\"", StringComparison.Ordinal);
        if (link < 0) return "";
        var start = dashboard.LastIndexOf("<tr", link, StringComparison.Ordinal);
        var end = dashboard.IndexOf("</tr>", link, StringComparison.Ordinal);
        return start < 0 || end < 0 ? "" : dashboard[start..end];
    }

    private static async Task<bool> ListeningAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/health")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://\S+/sign-in/verify\?token=\S+")]
    private static partial Regex SignInLink();

    [GeneratedRegex(@"https?://\S+/lead/opportunities/\S+")]
    private static partial Regex OpenLink();
}
