using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// The real web host (Kestrel on a free port, SQLite file) with two consortia and every kind of caller: lead A of
/// "Alpha" and lead B of "Beta" (API keys), an adviser (signed in by emailed link, cookie), a member (its link's token)
/// and nobody. Alpha has the sample consortium's members, the Grampian taxi notice and a running bid; Beta imported
/// the same notice (same OCID: a different opportunity of its own).
/// </summary>
public sealed class TenantsNode : IAsyncDisposable
{
    public const string LeadAEmail = "lead@alpha.example";
    public const string LeadBEmail = "lead@beta.example";
    public const string AdviserEmail = "adviser@p4p.example";
    public const string NoticeFile = "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json";

    private TenantsNode(WebNode node) => Node = node;

    public WebNode Node { get; }
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient LeadA { get; private set; } = null!;
    public HttpClient LeadB { get; private set; } = null!;
    public HttpClient Adviser { get; private set; } = null!;
    public string LeadAKey { get; private set; } = null!;
    public string OpportunityA { get; private set; } = null!;
    public string OpportunityB { get; private set; } = null!;
    public string Ocid { get; private set; } = null!;
    public Guid InstanceA { get; private set; }
    public string MemberToken { get; private set; } = null!;

    /// <summary>Starts the host with extra configuration (command-line style keys) and seeds both consortia.</summary>
    public static async Task<TenantsNode> StartAsync(IReadOnlyDictionary<string, string>? settings = null, bool seed = true)
    {
        // Only the definition these tests run, so they do not depend on every activity of the full bid being registered.
        var web = await WebNode.StartAsync(settings, WebNode.AllocationOnlyWorkflows());
        var node = new TenantsNode(web);
        node.Anonymous = ApiAuth.Client(web);
        if (seed) await node.SeedAsync();
        return node;
    }

    private async Task SeedAsync()
    {
        LeadAKey = await ApiAuth.LeadKeyAsync(Node, LeadAEmail, "Alpha");
        LeadA = ApiAuth.Client(Node, LeadAKey);
        LeadB = ApiAuth.Client(Node, await ApiAuth.LeadKeyAsync(Node, LeadBEmail, "Beta"));
        await ApiAuth.Accounts(Node).AddAsync(AdviserEmail, AccountRoles.Adviser, null);
        var (adviser, _) = await ApiAuth.SignInAsync(Node, AdviserEmail);
        adviser.DefaultRequestHeaders.Add("Origin", Node.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Adviser = adviser;

        await Ok(LeadA.PostAsync("/api/members", new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv")));
        var notice = await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", NoticeFile));
        using (var a = JsonDocument.Parse(await Ok(LeadA.PostAsync("/api/opportunities", new StringContent(notice, Encoding.UTF8, "application/json")))))
        {
            OpportunityA = a.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;
            Ocid = a.RootElement.GetProperty("opportunities")[0].GetProperty("ocid").GetString()!;
        }

        using (var b = JsonDocument.Parse(await Ok(LeadB.PostAsync("/api/opportunities", new StringContent(notice, Encoding.UTF8, "application/json")))))
            OpportunityB = b.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;

        var runtime = Node.App.Services.GetRequiredService<WorkflowRuntime>();
        var terms = new JsonObject { ["1"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 1000 }, ["2"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 200 } };
        InstanceA = (await runtime.StartAsync("lead-partner-allocation", new JsonObject { ["opportunityId"] = OpportunityA },
            new JsonObject { ["lotTerms"] = terms, ["leadEmail"] = LeadAEmail }, correlationId: OpportunityA)).InstanceId;
        MemberToken = (await Node.InvitationLinksAsync(InstanceA)).Select(l => l.Token).First(t => t.Length > 0);
    }

    /// <summary>A client that presents the member's link token as if it were an API key.</summary>
    public HttpClient MemberTokenAsKey() => ApiAuth.Client(Node, MemberToken);

    public static Task<string> Ok(Task<HttpResponseMessage> call) => WebNode.Ok(call);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { Anonymous, LeadA, LeadB, Adviser }) client?.Dispose();
        await Node.DisposeAsync();
    }
}
