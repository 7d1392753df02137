using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Browser.Playwright;

/// <summary>
/// One person's browser tab in a journey: acts as a person does (links, labels, buttons by their words), and at each
/// step checks the page with axe-core (no violation of any impact), that nothing scrolls sideways, and saves a full
/// page picture as artifacts/screenshots/&lt;journey&gt;/NN-step.png for a person to look at.
/// </summary>
public sealed class JourneyPage
{
    private readonly string _baseUrl;
    private readonly string _folder;
    private int _step;

    private JourneyPage(IPage page, string baseUrl, string journey)
    {
        Page = page;
        _baseUrl = baseUrl.TrimEnd('/');
        _folder = RepoFiles.Path("artifacts", "screenshots", journey);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        Directory.CreateDirectory(_folder);
    }

    public IPage Page { get; }

    /// <param name="phone">A 375 px wide touch screen, as a small enterprise's manager holds it; otherwise a laptop.</param>
    public static async Task<JourneyPage> OpenAsync(IBrowser browser, string baseUrl, string journey, bool phone)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 812 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return new JourneyPage(await context.NewPageAsync(), baseUrl, journey);
    }

    public string Path => new Uri(Page.Url).AbsolutePath;

    public Task<string> TextAsync() => Page.Locator("main").InnerTextAsync();

    public ILocator Css(string selector) => Page.Locator(selector);

    public async Task GoAsync(string pathOrUrl) =>
        await Page.GotoAsync(pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : _baseUrl + pathOrUrl);

    public Task FillAsync(string id, string value) => Page.Locator($"#{id}").FillAsync(value);

    /// <summary>Ticks or picks a GOV.UK checkbox or radio by tapping its label, as a person would.</summary>
    public Task ChooseAsync(string inputId) => Page.Locator($"label[for='{inputId}']").ClickAsync();

    public Task SelectAsync(string id, string label) => Page.Locator($"#{id}").SelectOptionAsync(new SelectOptionValue { Label = label });

    /// <summary>Presses the form button with exactly these words and waits for the page that answers.</summary>
    public Task SubmitAsync(string words) =>
        NavigatingAsync(() => Page.Locator("main button[type='submit']").Filter(new LocatorFilterOptions { HasTextRegex = Exactly(words) }).First.ClickAsync());

    public Task ClickLinkAsync(string words) =>
        NavigatingAsync(() => Page.Locator("a").Filter(new LocatorFilterOptions { HasTextRegex = Exactly(words) }).First.ClickAsync());

    public Task ClickAsync(ILocator element) => NavigatingAsync(() => element.ClickAsync());

    /// <summary>The fields the error summary links to, in its order.</summary>
    public Task<string[]> ErrorFieldsAsync() =>
        Page.Locator(".govuk-error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href').split('#')[1])");

    /// <summary>Reloads the page, as a person waiting for others does, until its main text satisfies the condition.</summary>
    public async Task<string> ReloadUntilAsync(Func<string, bool> condition, string what, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var text = await TextAsync();
            if (condition(text)) return text;
            if (DateTime.UtcNow > until) Assert.Fail($"waited {seconds} s for {what} at {Page.Url}; the page says:\n{text}");
            await Task.Delay(400);
            await Page.ReloadAsync();
        }
    }

    /// <summary>Does something that loads a new page, and returns once the new page has replaced the old one and loaded.</summary>
    public async Task NavigatingAsync(Func<Task> action)
    {
        await Page.EvaluateAsync("() => { window.__journeyOldPage = true; }");
        await action();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (await Page.EvaluateAsync<bool>("() => window.__journeyOldPage !== true && document.readyState === 'complete'")) return;
            }
            catch (PlaywrightException)
            {
                // The old page's context went away mid-evaluation: the new page is loading.
            }

            if (DateTime.UtcNow > until) Assert.Fail($"no new page after 60 s at {Page.Url}");
            await Task.Delay(50);
        }
    }

    /// <summary>A step of the journey: axe-core finds nothing, nothing scrolls sideways, and its picture is kept as NN-name.png.</summary>
    public async Task StepAsync(string name)
    {
        await AssertAccessibleAsync(name);
        Assert.That(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True, $"{name}: no sideways scrolling at {Page.ViewportSize?.Width} px");
        var path = System.IO.Path.Combine(_folder, $"{++_step:00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    public async Task AssertAccessibleAsync(string page)
    {
        var result = await Page.RunAxe();
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.That(violations, Is.Empty, $"axe-core on {page} ({Page.Url})");
    }

    private static Regex Exactly(string words) => new($"^\\s*{Regex.Escape(words)}\\s*$");
}
