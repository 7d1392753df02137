using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Hostile;

/// <summary>
/// The real web host with one consortium ready for hostile forms: the sample consortium's members, the Glasgow notice,
/// a running bid collecting declarations (which stays open however often the member answers), a member's link, and a
/// lead signed in through the emailed link with a browser-like client (cookies).
/// </summary>
public sealed class HostileNode : IAsyncDisposable
{
    public const string LeadEmail = "lead@hostile.example";
    public const string Notice = "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json";

    private HostileNode(WebNode node) => Node = node;

    public WebNode Node { get; }
    public HttpClient LeadApi { get; private set; } = null!;
    public HttpClient LeadBrowser { get; private set; } = null!;
    public string Opportunity { get; private set; } = null!;
    public string MemberToken { get; private set; } = null!;

    public static async Task<HostileNode> StartAsync()
    {
        var web = await WebNode.StartAsync(new Dictionary<string, string>
        {
            ["Security:SignInPermitLimit"] = "10000",
            ["TokenThrottle:MaxFailures"] = "100000",
        }, WebNode.AllocationOnlyWorkflows());
        web.App.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(new TestLogProvider());
        var node = new HostileNode(web);
        await node.SeedAsync();
        return node;
    }

    private async Task SeedAsync()
    {
        await ApiAuth.Accounts(Node).AddAsync(LeadEmail, AccountRoles.Lead, null);
        LeadApi = ApiAuth.Client(Node, await ApiAuth.Accounts(Node).IssueApiKeyAsync(LeadEmail));
        (LeadBrowser, _) = await ApiAuth.SignInAsync(Node, LeadEmail);

        await Ok(LeadApi.PostAsync("/api/members", new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv")));
        var notice = await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", Notice));
        using (var imported = JsonDocument.Parse(await Ok(LeadApi.PostAsync("/api/opportunities", new StringContent(notice, Encoding.UTF8, "application/json")))))
            Opportunity = imported.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;

        var terms = JsonNode.Parse(await File.ReadAllTextAsync(RepoFiles.Path("samples", "declarations", "glasgow-residential-recovery.json")))!["lotTerms"]!.DeepClone();
        var runtime = Node.App.Services.GetRequiredService<WorkflowRuntime>();
        var instance = (await runtime.StartAsync("lead-partner-allocation", new JsonObject { ["opportunityId"] = Opportunity },
            new JsonObject { ["lotTerms"] = terms, ["leadEmail"] = LeadEmail, ["declarationPeriod"] = "P30D", ["completeWhenAllAnswered"] = false },
            correlationId: Opportunity)).InstanceId;
        MemberToken = (await Node.InvitationLinksAsync(instance)).Select(l => l.Token).First(t => t.Length > 0);
    }

    /// <summary>A new browser-like client (its own cookies) and the antiforgery token of the form on <paramref name="page"/>.</summary>
    public async Task<(HttpClient Client, string Token)> FormAsync(string page, HttpClient? client = null)
    {
        client ??= new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Node.Http.BaseAddress };
        var response = await client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}");
        return (client, WebText.AntiforgeryToken(html) ?? throw new InvalidOperationException($"{page} has no antiforgery token"));
    }

    public static Task<string> Ok(Task<HttpResponseMessage> call) => WebNode.Ok(call);

    public async ValueTask DisposeAsync()
    {
        LeadApi?.Dispose();
        LeadBrowser?.Dispose();
        await Node.DisposeAsync();
    }
}
