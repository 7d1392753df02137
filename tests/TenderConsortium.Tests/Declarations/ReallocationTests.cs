using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Declarations;

/// <summary>
/// Allocation run a second time in the same bid, as lead-partner-bid.json does when the adviser's changes send the bid
/// back to allocation: members who already left must not come back with shares.
/// </summary>
public sealed class ReallocationTests
{
    private BidHarness _bid = null!;

    [SetUp]
    public async Task Start() => _bid = await BidHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    [Test]
    public async Task A_member_who_declined_stays_out_when_allocation_runs_again()
    {
        await RegisterAllocateAgainAsync();
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity, new JsonObject
        {
            ["lotTerms"] = new JsonObject
            {
                ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 10_000 },
                ["2"] = new JsonObject { ["unit"] = "hours", ["demand"] = 5_000 },
            },
        }, "allocate-again");
        var invited = (await _bid.InvitedAsync(opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < 3; i++)
            await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[i].Email), BidHarness.Offer("1", 3_000, 30m));
        await _bid.Declarations.CloseAsync(opportunity, "lead:test");
        await _bid.Allocations.ApproveAsync(opportunity, "lead:jo");
        var leaving = invited[0].MemberId;
        var declined = await _bid.Allocations.ConsentAsync(opportunity, leaving, accept: false, "Lost our night-shift staff", "member:test");
        Assume.That(declined.Result.ShareOf(leaving, "1"), Is.Null);

        foreach (var member in declined.Consents.Where(c => c.Status == ConsentStatus.Pending).Select(c => c.MemberId).ToList())
            await _bid.Allocations.ConsentAsync(opportunity, member, accept: true, null, "member:test");
        var again = (await _bid.AllocationStore.CurrentAsync(opportunity))!;

        Assert.Multiple(async () =>
        {
            Assert.That(again.Round, Is.GreaterThan(declined.Round), "allocation ran again after consent");
            Assert.That(again.Status, Is.EqualTo(AllocationStatus.Proposed));
            Assert.That(again.Result.WithdrawnMemberIds, Is.EqualTo(new[] { leaving }));
            Assert.That(again.Result.ShareOf(leaving, "1"), Is.Null);
            Assert.That(again.Consents.Select(c => c.MemberId), Does.Not.Contain(leaving));
            Assert.That((await _bid.Queries.GetInstanceAsync(instance))!.Summary.Stage, Is.EqualTo("Lead approval"));
        });
    }

    /// <summary>
    /// The shipped allocation definition with consent leading back to allocation, the shortest path that runs
    /// AllocateSubcontracts twice in one instance, then the lead's approval again.
    /// </summary>
    private async Task RegisterAllocateAgainAsync()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoFiles.RepoRoot, "workflows", "lead-partner-allocation.json")))!.AsObject();
        definition["id"] = "allocate-again";
        var activities = definition["activities"]!.AsArray();
        activities.RemoveAt(activities.Count - 1);
        activities.Add(JsonNode.Parse("""{ "id": "reallocate", "type": "AllocateSubcontracts", "name": "Reallocation", "properties": { "opportunity": "=variables.opportunityId" } }"""));
        activities.Add(JsonNode.Parse("""{ "id": "reapproval", "type": "AwaitLeadApproval", "name": "Lead approval", "properties": { "opportunity": "=variables.opportunityId" } }"""));
        activities.Add(JsonNode.Parse("""{ "id": "end", "type": "End" }"""));
        var connections = definition["connections"]!.AsArray();
        connections.RemoveAt(connections.Count - 1);
        connections.Add(JsonNode.Parse("""{ "from": "consent", "to": "reallocate" }"""));
        connections.Add(JsonNode.Parse("""{ "from": "reallocate", "to": "reapproval" }"""));
        connections.Add(JsonNode.Parse("""{ "from": "reapproval", "to": "end" }"""));
        await _bid.Runtime.Definitions.RegisterAsync(_bid.Runtime.Definitions.Loader.Parse(definition.ToJsonString(), "allocate-again.json"));
    }
}
