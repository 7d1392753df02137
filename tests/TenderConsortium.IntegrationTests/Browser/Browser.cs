using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace TenderConsortium.IntegrationTests.Browser;

/// <summary>
/// Real headless Chromium through /usr/bin/chromedriver (Debian packages chromium and chromium-driver): fresh profile,
/// flags that let it run as root in a container, helpers to fill GOV.UK forms, screenshots as test attachments and an
/// axe-core scan of each page (no serious or critical violations allowed).
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "Assets", "axe.min.js")));
    private readonly string _profile;
    private readonly string _baseUrl;
    private int? _emulatedWidth;

    private Browser(ChromeDriver driver, string profile, string baseUrl)
    {
        Driver = driver;
        _profile = profile;
        _baseUrl = baseUrl.TrimEnd('/');
    }

    public ChromeDriver Driver { get; }

    public static bool Available(out string reason)
    {
        reason = !File.Exists(ChromiumPath) ? $"{ChromiumPath} is missing (apt-get install chromium)"
            : !File.Exists(DriverPath) ? $"{DriverPath} is missing (apt-get install chromium-driver)" : "";
        return reason.Length == 0;
    }

    public static Browser Start(string baseUrl, int width, int height)
    {
        var profile = Path.Combine(Path.GetTempPath(), "tender-chromium-" + Guid.NewGuid().ToString("N"));
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-extensions", "--hide-scrollbars", $"--user-data-dir={profile}",
            $"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-GB");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        var browser = new Browser(driver, profile, baseUrl);
        browser.Width(width, height);
        return browser;
    }

    public void Go(string pathOrUrl) => Driver.Navigate().GoToUrl(pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : _baseUrl + pathOrUrl);

    public string Path_ => new Uri(Driver.Url).AbsolutePath;

    public IWebElement Id(string id) => Driver.FindElement(By.Id(id));

    public IWebElement Css(string selector) => Driver.FindElement(By.CssSelector(selector));

    public ReadOnlyCollection<IWebElement> All(string selector) => Driver.FindElements(By.CssSelector(selector));

    public string Text => Driver.FindElement(By.TagName("main")).Text;

    public void Fill(string id, string value)
    {
        var input = Id(id);
        input.Clear();
        input.SendKeys(value);
    }

    /// <summary>Ticks or picks a GOV.UK checkbox or radio by clicking its label, as a person would.</summary>
    public void Choose(string inputId) => Css($"label[for='{inputId}']").Click();

    public void Select(string id, Func<string, bool> text)
    {
        var option = Id(id).FindElements(By.TagName("option")).First(o => text(o.Text));
        option.Click();
    }

    public void Submit(string buttonText) =>
        Navigating(() => Driver.FindElements(By.CssSelector("main button[type='submit']")).First(b => b.Text.Trim() == buttonText).Click());

    public void ClickLink(string text) => Navigating(() => Driver.FindElement(By.LinkText(text)).Click());

    public void Click(IWebElement element) => Navigating(element.Click);

    /// <summary>Does something that loads a new page and returns once the new page has replaced the old one.</summary>
    public void Navigating(Action action)
    {
        var old = Driver.FindElement(By.TagName("html"));
        action();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                _ = old.TagName;
            }
            catch (StaleElementReferenceException)
            {
                break;
            }
            catch (UnknownErrorException ex) when (ex.Message.Contains("does not belong to the document", StringComparison.Ordinal))
            {
                // Chromium sometimes reports the replaced page's element this way instead of as stale.
                break;
            }

            if (DateTime.UtcNow > until) Assert.Fail($"no new page after 60 s at {Driver.Url}");
            Thread.Sleep(50);
        }

        while (Driver.ExecuteScript("return document.readyState") as string != "complete" && DateTime.UtcNow < until) Thread.Sleep(50);
    }

    /// <summary>
    /// The viewport width. A headless window is at least 500 px wide, so phone widths (375 px) are emulated through the
    /// DevTools protocol, as the device toolbar does.
    /// </summary>
    public void Width(int width, int height = 900)
    {
        if (width < 500)
        {
            _emulatedWidth = width;
            Emulate(width, height);
        }
        else
        {
            if (_emulatedWidth is not null) Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", new Dictionary<string, object?>());
            _emulatedWidth = null;
            Driver.Manage().Window.Size = new System.Drawing.Size(width, height);
        }
    }

    private void Emulate(int width, int height) => Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
    {
        ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = true,
    });

    /// <summary>Saves a full-width screenshot under the test's work folder and attaches it to the test result.</summary>
    /// <param name="folder">Where to keep it besides the test's attachments (artifacts/screenshots/&lt;journey&gt; for a person to look at).</param>
    public void Screenshot(string name, string? folder = null)
    {
        folder ??= Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        var height = Convert.ToInt32(Driver.ExecuteScript("return Math.min(6000, document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
        if (_emulatedWidth is { } phone)
        {
            Emulate(phone, Math.Max(812, height));
            Driver.GetScreenshot().SaveAsFile(path);
            Emulate(phone, 812);
        }
        else
        {
            var size = Driver.Manage().Window.Size;
            Driver.Manage().Window.Size = new System.Drawing.Size(size.Width, Math.Max(size.Height, height));
            Driver.GetScreenshot().SaveAsFile(path);
            Driver.Manage().Window.Size = size;
        }

        TestContext.AddTestAttachment(path, name);
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming rule and elements.</summary>
    public void AssertAccessible(string page)
    {
        if (Driver.ExecuteScript("return typeof window.axe") as string != "object") Driver.ExecuteScript(Axe.Value);
        var result = Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })))))
              .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
            """) as string ?? "[]";
        var violations = System.Text.Json.JsonDocument.Parse(result).RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
        Assert.That(violations, Is.Empty, $"axe-core on {page} ({Driver.Url})");
    }

    /// <summary>Polls until the condition holds (pages that change as the workflow moves).</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out after {seconds} s waiting for {what}");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}
