using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Reviews;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// Every lead and adviser endpoint against every kind of caller: nobody and a member's token → 401; an adviser on
/// anything that changes an allocation or imports → 403; a lead on the adviser's endpoints → 403; a lead of another
/// consortium → 404 for anything of Alpha's, exactly as for something that does not exist; the owner → allowed.
/// </summary>
[NonParallelizable]
public sealed class AccessMatrixTests
{
    public enum Kind
    {
        /// <summary>Reads of one of Alpha's opportunities or instances: leads of Alpha and advisers.</summary>
        ScopedRead,
        /// <summary>Changes to one of Alpha's opportunities: its lead only.</summary>
        ScopedLeadWrite,
        /// <summary>Lists: leads (own consortium) and advisers (all).</summary>
        List,
        /// <summary>Imports and the member list: leads only, into/of their own consortium.</summary>
        LeadOnly,
        /// <summary>Adviser's review actions on one of Alpha's opportunities.</summary>
        ScopedAdviser,
        /// <summary>The advisers' queue.</summary>
        AdviserList,
    }

    public enum Who { Anonymous, MemberToken, LeadA, LeadB, Adviser }

    public sealed record Endpoint(string Method, string Path, Kind Kind, string? Body = null, string ContentType = "application/json")
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private static readonly Endpoint[] Endpoints =
    [
        new("GET", "/api/opportunities", Kind.List),
        new("GET", "/api/opportunities/{A}", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/matches", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/invitations", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/allocation", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/documents", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/documents/bid-pack-v1.docx", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/documents/subcontracts/member-one.docx", Kind.ScopedRead),
        new("GET", "/api/opportunities/{A}/review", Kind.ScopedRead),
        new("GET", "/api/instances", Kind.List),
        new("GET", "/api/instances/{I}", Kind.ScopedRead),
        new("GET", "/api/instances/{I}/journal", Kind.ScopedRead),
        new("GET", "/api/me", Kind.List),
        new("POST", "/api/opportunities/{A}/allocation/approve", Kind.ScopedLeadWrite, "{}"),
        new("POST", "/api/opportunities/{A}/allocation/rerun", Kind.ScopedLeadWrite, "{}"),
        new("POST", "/api/opportunities/{A}/allocation/overrides", Kind.ScopedLeadWrite, """{"overrides": [{"memberId": "x", "lotId": "1", "volume": 1, "reason": "r"}]}"""),
        new("POST", "/api/opportunities/{A}/withdrawals", Kind.ScopedLeadWrite, """{"memberId": "x", "reason": "r"}"""),
        new("PUT", "/api/opportunities/{A}/declarations/x", Kind.ScopedLeadWrite, """{"decline": "no capacity"}"""),
        new("POST", "/api/opportunities", Kind.LeadOnly, "{\"format\": \"tender-notice/1\"}"),
        new("POST", "/api/members?dryRun=true", Kind.LeadOnly, "name\n", "text/csv"),
        new("GET", "/api/members", Kind.LeadOnly),
        new("GET", "/api/reviews", Kind.AdviserList),
        new("POST", "/api/opportunities/{A}/review/comments", Kind.ScopedAdviser, """{"section": "Social value", "text": "Quantify the community benefits."}"""),
        new("POST", "/api/opportunities/{A}/review/decision", Kind.ScopedAdviser, """{"decision": "approve"}"""),
    ];

    private TenantsNode _tenants = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _tenants = await TenantsNode.StartAsync();
        var folder = Path.Combine(_tenants.Node.DataFolder, "documents", _tenants.OpportunityA);
        Directory.CreateDirectory(Path.Combine(folder, "subcontracts"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bid-pack-v1.docx"), "pack");
        await File.WriteAllTextAsync(Path.Combine(folder, "subcontracts", "member-one.docx"), "contract");
        var reviews = _tenants.Node.App.Services.GetRequiredService<IReviewStore>();
        await reviews.SaveAsync(new Review(_tenants.OpportunityA, 1, 1, ReviewDecision.Pending, [], DateTimeOffset.UtcNow));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases() =>
        from e in Endpoints
        from who in Enum.GetValues<Who>()
        select new TestCaseData(e, who).SetName($"{who} → {e.Method} {e.Path}");

    [TestCaseSource(nameof(Cases))]
    public async Task Each_caller_gets_what_its_role_and_consortium_allow(Endpoint endpoint, Who who)
    {
        var client = who switch
        {
            Who.Anonymous => _tenants.Anonymous,
            Who.MemberToken => _tenants.MemberTokenAsKey(),
            Who.LeadA => _tenants.LeadA,
            Who.LeadB => _tenants.LeadB,
            _ => _tenants.Adviser,
        };
        var path = endpoint.Path.Replace("{A}", _tenants.OpportunityA).Replace("{OCID}", _tenants.Ocid).Replace("{I}", _tenants.InstanceA.ToString());
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Body is not null) request.Content = new StringContent(endpoint.Body, Encoding.UTF8, endpoint.ContentType);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var expected = Expected(endpoint.Kind, who);

        Assert.That(status, Is.LessThan(500), body);
        if (expected is { } code)
        {
            Assert.That(status, Is.EqualTo(code), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            if (code == 404) Assert.That(body, Does.Not.Contain("Alpha").And.Not.Contain(TenantsNode.LeadAEmail), "nothing of Alpha's is revealed");
        }
        else
        {
            Assert.That(status, Is.Not.AnyOf(401, 403, 404), body);
        }

        if (who == Who.LeadB && endpoint.Kind == Kind.List && status == 200)
            Assert.That(body, Does.Not.Contain(_tenants.OpportunityA).And.Not.Contain(_tenants.InstanceA.ToString()), "B's lists show nothing of Alpha's");
        if (who == Who.Adviser && endpoint is { Method: "GET", Path: "/api/opportunities" })
            Assert.That(body, Does.Contain(_tenants.OpportunityA).And.Contain(_tenants.OpportunityB), "advisers see every consortium");
    }

    /// <summary>The status a caller must get, or null when it is allowed (any status but 401/403/404, never 5xx).</summary>
    private static int? Expected(Kind kind, Who who) => (kind, who) switch
    {
        (_, Who.Anonymous or Who.MemberToken) => 401,
        (Kind.ScopedLeadWrite or Kind.LeadOnly, Who.Adviser) => 403,
        (Kind.ScopedAdviser or Kind.AdviserList, Who.LeadA or Who.LeadB) => 403,
        (Kind.ScopedRead or Kind.ScopedLeadWrite, Who.LeadB) => 404,
        _ => null,
    };

    [Test]
    public async Task The_same_notice_in_two_consortia_is_two_opportunities_and_each_lead_lists_only_its_own()
    {
        using var a = JsonDocument.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync("/api/opportunities")));
        using var b = JsonDocument.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync("/api/opportunities")));
        using var byOcid = JsonDocument.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync($"/api/opportunities/{_tenants.Ocid}")));
        Assert.Multiple(() =>
        {
            Assert.That(_tenants.OpportunityB, Is.Not.EqualTo(_tenants.OpportunityA));
            Assert.That(a.RootElement.GetProperty("opportunities").EnumerateArray().Select(o => o.GetProperty("id").GetString()), Is.EqualTo(new[] { _tenants.OpportunityA }));
            Assert.That(b.RootElement.GetProperty("opportunities").EnumerateArray().Select(o => o.GetProperty("id").GetString()), Is.EqualTo(new[] { _tenants.OpportunityB }));
            Assert.That(byOcid.RootElement.GetProperty("id").GetString(), Is.EqualTo(_tenants.OpportunityB), "an OCID resolves within the caller's consortium");
        });
    }

    [Test]
    public async Task Matching_for_another_consortium_uses_only_its_own_members()
    {
        using var matches = JsonDocument.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync($"/api/opportunities/{_tenants.OpportunityB}/matches")));
        var candidates = matches.RootElement.GetProperty("lots").EnumerateArray().SelectMany(l => l.GetProperty("candidates").EnumerateArray()).ToList();
        Assert.That(candidates, Is.Empty, "Beta has no members; Alpha's are not offered to it");
        using var members = JsonDocument.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync("/api/members")));
        Assert.That(members.RootElement.GetProperty("total").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task A_cookie_post_from_another_site_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/opportunities/{_tenants.OpportunityA}/review/comments")
        {
            Content = TenantsNode.Json("""{"section": "x", "text": "y"}"""),
        };
        request.Headers.Remove("Origin");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await _tenants.Adviser.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Cross-site"));
    }
}
