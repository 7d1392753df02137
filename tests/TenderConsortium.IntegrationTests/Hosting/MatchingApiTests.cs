using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>Matching through the API and through the MatchPartners activity in a running workflow, on the sample consortium.</summary>
public sealed class MatchingApiTests
{
    private WebNode _node = null!;
    private string _opportunityId = null!;

    [SetUp]
    public async Task StartWithSampleData()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync();
        var members = await _node.Http.PostAsync("/api/members",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv"));
        Assert.That(members.StatusCode, Is.EqualTo(HttpStatusCode.OK), await members.Content.ReadAsStringAsync());
        var notice = await _node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json"));
        using var created = JsonDocument.Parse(await notice.Content.ReadAsStringAsync());
        _opportunityId = created.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;
    }

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task The_matches_endpoint_ranks_the_members_who_can_deliver_each_lot()
    {
        using var matches = JsonDocument.Parse(await _node.Http.GetStringAsync($"/api/opportunities/{_opportunityId}/matches"));
        var lots = matches.RootElement.GetProperty("lots");
        Assert.That(lots.GetArrayLength(), Is.EqualTo(2));
        var names = lots[0].GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.EqualTo(new[] { "Granite City Taxis Co-operative", "Bon Accord Accessible Travel CIC" }));
        Assert.That((await _node.Http.GetAsync("/api/opportunities/nope/matches")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task MatchPartners_puts_the_shortlist_into_the_instance_data()
    {
        var runtime = _node.App.Services.GetRequiredService<WorkflowRuntime>();
        await runtime.Definitions.RegisterAsync(runtime.Definitions.Loader.Parse("""
        {
          "id": "match-only", "name": "Match only",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "match", "type": "MatchPartners", "properties": { "opportunity": "=variables.opportunityId" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "from": "start", "to": "match" }, { "from": "match", "to": "end" } ]
        }
        """, "match-only.json"));
        var started = await runtime.StartAsync("match-only", new JsonObject { ["opportunityId"] = _opportunityId });
        var details = await _node.App.Services.GetRequiredService<WorkflowQueries>().GetInstanceAsync(started.InstanceId);
        Assert.That(details!.Summary.Status, Is.EqualTo(InstanceStatus.Finished), details.Summary.Incident);
        var shortlist = details.Variables["shortlist"]!;
        Assert.That(shortlist["lots"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(shortlist["lots"]![0]!["candidates"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Granite City Taxis Co-operative"));
    }
}
