using Microsoft.Playwright;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Browser.Playwright;

/// <summary>
/// Playwright driving the system's Chromium (Debian's chromium package): there is no network to let `playwright install`
/// download its own build, so the launch names the installed binary. Missing, it skips the test locally and fails it
/// under CI.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static void Require()
    {
        if (!File.Exists(ExecutablePath)) ServiceRequirement.Missing("Chromium", $"{ExecutablePath} is missing (apt-get install chromium)");
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // --no-sandbox: the tests run as root in a container, where Chromium's sandbox cannot start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB"],
        });
        return (playwright, browser);
    }
}
