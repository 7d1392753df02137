using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Web;
using TenderConsortium.Web.Composition;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>The real web host on a free loopback port, on a fresh SQLite data folder, with a client pointed at it.</summary>
public sealed class WebNode : IAsyncDisposable
{
    private WebNode(string data, WebApplication app, HttpClient http)
    {
        DataFolder = data;
        App = app;
        Http = http;
    }

    public string DataFolder { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }

    /// <param name="settings">Configuration for the host, e.g. "Security:SignInPermitLimit" = "1000" (passed as command-line keys).</param>
    /// <param name="workflowsFolder">The definitions to load (default: the repository's workflows/).</param>
    public static async Task<WebNode> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? workflowsFolder = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-web", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var args = (settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = TenderWebApp.Build(args, new NodeSettings(data, DatabaseConnection.ForDataFolder(data), workflowsFolder ?? TenderProcess.WorkflowsFolder), "http://127.0.0.1:0");
        await NodeComposition.InitializeAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebNode(data, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataFolder, recursive: true);
    }
}
