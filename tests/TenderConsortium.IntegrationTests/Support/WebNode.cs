using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Web;
using TenderConsortium.Host;
using TenderConsortium.Workflows;
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
    /// <param name="dataFolder">An existing data folder to serve (a restored backup); default: a fresh one. Deleted on dispose either way.</param>
    public static async Task<WebNode> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? workflowsFolder = null, string? dataFolder = null)
    {
        var data = dataFolder ?? Path.Combine(Path.GetTempPath(), "tender-web", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var args = (settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = TenderWebApp.Build(args, new NodeSettings(data, DatabaseConnection.ForDataFolder(data), workflowsFolder ?? TenderProcess.WorkflowsFolder), "http://127.0.0.1:0");
        await NodeComposition.InitializeAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebNode(data, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A folder holding only the allocation definition, for hosts whose tests need none of the full bid's other activities.</summary>
    public static string AllocationOnlyWorkflows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-allocation-workflows", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TenderProcess.WorkflowsFolder, "lead-partner-allocation.json"), Path.Combine(folder, "lead-partner-allocation.json"));
        return folder;
    }

    /// <summary>Each invited member's (email, link token), from the invitation emails the instance queued, by email.</summary>
    public async Task<List<(string Email, string Token)>> InvitationLinksAsync(Guid instance)
    {
        var outbox = await App.Services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: instance);
        return outbox.Where(r => r.Event.StartsWith("invitation.member:", StringComparison.Ordinal))
            .OrderBy(r => r.Recipient, StringComparer.Ordinal)
            .Select(r => (r.Recipient, WebText.MemberToken(r.Payload)))
            .ToList();
    }

    /// <summary>The body of a successful response; any other status throws with the body.</summary>
    public static async Task<string> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return body;
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
