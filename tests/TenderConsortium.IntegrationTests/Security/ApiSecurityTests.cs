using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Host;
using TenderConsortium.Web.Security;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>API keys, security headers, body limits, hostile text, paging, documents, instances and the OpenAPI document.</summary>
[NonParallelizable]
public sealed class ApiSecurityTests
{
    private TenantsNode _tenants = null!;

    [OneTimeSetUp]
    public async Task Start() => _tenants = await TenantsNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    [Test]
    public async Task An_api_key_works_as_Bearer_or_X_Api_Key_is_stored_hashed_and_a_new_one_replaces_it()
    {
        var key = await ApiAuth.LeadKeyAsync(_tenants.Node, "script@alpha.example", "Alpha");
        using var header = ApiAuth.Client(_tenants.Node);
        header.DefaultRequestHeaders.Add("X-Api-Key", key);
        var stored = await Scalar("SELECT group_concat(key_hash) FROM api_keys");
        var viaBearer = await ApiAuth.Client(_tenants.Node, key).GetAsync("/api/opportunities");
        var viaHeader = await header.GetAsync("/api/opportunities");
        var newKey = await ApiAuth.LeadKeyAsync(_tenants.Node, "script@alpha.example");
        var oldKey = await ApiAuth.Client(_tenants.Node, key).GetAsync("/api/opportunities");
        var wrong = await ApiAuth.Client(_tenants.Node, "tck_" + new string('x', 43)).GetAsync("/api/opportunities");

        Assert.Multiple(async () =>
        {
            Assert.That(viaBearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stored, Does.Not.Contain(key).And.Contain(TenderConsortium.Persistence.Accounts.Secrets.Hash(key)));
            Assert.That(oldKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a new key replaces the old one");
            Assert.That((await ApiAuth.Client(_tenants.Node, newKey).GetAsync("/api/opportunities")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
            Assert.That(wrong.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [TestCase("/health")]
    [TestCase("/api/opportunities")]
    [TestCase("/api/no-such-endpoint")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/sign-in/verify?token=nope")]
    [TestCase("/api/invitations/not-a-token")]
    [TestCase("/")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _tenants.Anonymous.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
                .And.Contain("img-src 'self' data:").And.Contain("frame-ancestors 'none'").And.Contain("form-action 'self'").And.Contain("base-uri 'none'"));
            Assert.That(csp, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(response.Headers.GetValues("Permissions-Policy").Single(), Does.Contain("camera=()"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "HSTS only over HTTPS");
        });
        if (path.StartsWith("/api", StringComparison.Ordinal)) Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Oversized_bodies_are_refused_with_413_problem_details()
    {
        var big = "{\"overrides\": [], \"pad\": \"" + new string('x', 70_000) + "\"}";
        var declared = await _tenants.LeadA.PostAsync($"/api/opportunities/{_tenants.OpportunityA}/allocation/overrides", TenantsNode.Json(big));
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/opportunities/{_tenants.OpportunityA}/allocation/overrides")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        chunkedRequest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var chunked = await _tenants.LeadA.SendAsync(chunkedRequest);
        var signIn = await _tenants.Anonymous.PostAsync("/api/sign-in", TenantsNode.Json("{\"email\": \"" + new string('a', 10_000) + "@x.org\"}"));
        var member = await _tenants.Anonymous.PutAsync($"/api/invitations/{_tenants.MemberToken}/declaration", TenantsNode.Json(big));
        Assert.Multiple(() =>
        {
            foreach (var response in new[] { declared, chunked, signIn, member })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            }
        });
    }

    [Test]
    public async Task Html_and_script_in_text_fields_round_trip_as_plain_json_text()
    {
        const string title = "<script>alert('t')</script> & \"quotes\" </title>";
        const string buyer = "<img src=x onerror=alert(1)>";
        var notice = new JsonObject
        {
            ["format"] = "tender-notice/1",
            ["reference"] = "XSS-<b>1</b>",
            ["buyer"] = new JsonObject { ["name"] = buyer },
            ["title"] = title,
            ["description"] = "<iframe src=javascript:alert(1)></iframe>",
            ["deadline"] = "2031-05-02T12:00:00+01:00",
            ["cpv"] = new JsonArray("85312000"),
            ["places"] = new JsonArray("East Lothian"),
        };
        var created = await _tenants.LeadA.PostAsync("/api/opportunities", TenantsNode.Json(notice.ToJsonString()));
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var id = JsonNode.Parse(body)!["opportunities"]![0]!["id"]!.GetValue<string>();
        var shown = await _tenants.LeadA.GetAsync($"/api/opportunities/{id}");
        var json = JsonNode.Parse(await shown.Content.ReadAsStringAsync())!;

        var members = "name,legal_form,registration_number,contact_name,contact_email,contact_phone,cpv,service_areas,certifications,staff_fte,annual_turnover,max_contract_value,currency,asset_lock,capability_statement\n" +
                      "\"<script>alert(2)</script> CIC\",CIC,SC999001,\"<b>Bold</b>\",x@example.org,,85312000,East Lothian,,3,100000,50000,GBP,yes,\"<svg onload=alert(3)>\"\n";
        await TenantsNode.Ok(_tenants.LeadA.PostAsync("/api/members", new StringContent(members, Encoding.UTF8, "text/csv")));
        var list = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync("/api/members?pageSize=200")))!;

        Assert.Multiple(() =>
        {
            Assert.That(shown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(json["opportunity"]!["title"]!.GetValue<string>(), Is.EqualTo(title));
            Assert.That(json["opportunity"]!["buyer"]!["name"]!.GetValue<string>(), Is.EqualTo(buyer));
            Assert.That(json["opportunity"]!["description"]!.GetValue<string>(), Is.EqualTo("<iframe src=javascript:alert(1)></iframe>"));
            Assert.That(list["members"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()), Does.Contain("<script>alert(2)</script> CIC"));
            Assert.That(shown.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        });
    }

    [Test]
    public async Task Lists_are_paged_with_totals_and_next_links()
    {
        foreach (var file in new[] { "cf-ocds-b5fd17-7445ba73-children-looked-after.json", "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json" })
            await TenantsNode.Ok(_tenants.LeadB.PostAsync("/api/opportunities",
                new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", file)), Encoding.UTF8, "application/json")));
        var first = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync("/api/opportunities?pageSize=2")))!;
        var next = first["next"]!.GetValue<string>();
        var second = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync(next)))!;
        var bad = await _tenants.LeadB.GetAsync("/api/opportunities?page=0&pageSize=500");
        var badProblem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(first["total"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(first["opportunities"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(next, Is.EqualTo("/api/opportunities?page=2&pageSize=2"));
            Assert.That(first["previous"], Is.Null);
            Assert.That(second["opportunities"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(second["next"], Is.Null);
            Assert.That(second["previous"]!.GetValue<string>(), Is.EqualTo("/api/opportunities?page=1&pageSize=2"));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badProblem["errors"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[]
            {
                "page: expected a whole number from 1 to 1,000,000, got '0'",
                "pageSize: expected a whole number from 1 to 200, got '500'",
            }));
        });
    }

    [Test]
    public async Task Documents_are_listed_and_served_by_their_known_names_only()
    {
        var folder = Path.Combine(_tenants.Node.DataFolder, "documents", _tenants.OpportunityA);
        Directory.CreateDirectory(Path.Combine(folder, "subcontracts"));
        Directory.CreateDirectory(Path.Combine(folder, ".versions"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bid-pack-v2.docx"), "pack two");
        await File.WriteAllTextAsync(Path.Combine(folder, "pricing-v2.xlsx"), "pricing");
        await File.WriteAllTextAsync(Path.Combine(folder, "checks-v2.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(folder, "subcontracts", "granite-city-taxis.docx"), "contract");
        await File.WriteAllTextAsync(Path.Combine(folder, ".bid-pack-v3.docx.1234.tmp"), "half");
        await File.WriteAllTextAsync(Path.Combine(folder, ".versions", "v2"), "owner");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "private");
        await File.WriteAllTextAsync(Path.Combine(_tenants.Node.DataFolder, "secret.docx"), "outside");

        var list = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync($"/api/opportunities/{_tenants.OpportunityA}/documents")))!;
        var names = list["documents"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ToList();
        var download = await _tenants.Adviser.GetAsync($"/api/opportunities/{_tenants.OpportunityA}/documents/bid-pack-v2.docx");
        var subcontract = await _tenants.LeadA.GetAsync($"/api/opportunities/{_tenants.OpportunityA}/documents/subcontracts/granite-city-taxis.docx");
        var refused = new List<HttpStatusCode>();
        foreach (var name in new[] { "notes.txt", ".versions", "..%2F..%2Fsecret.docx", "%2E%2E%2Fsecret.docx", "..%5C..%5Csecret.docx", ".bid-pack-v3.docx.1234.tmp", "bid-pack-v2.docx%00.txt" })
            refused.Add((await _tenants.LeadA.GetAsync($"/api/opportunities/{_tenants.OpportunityA}/documents/{name}")).StatusCode);
        var otherConsortium = await _tenants.LeadB.GetAsync($"/api/opportunities/{_tenants.OpportunityA}/documents/bid-pack-v2.docx");

        Assert.Multiple(async () =>
        {
            Assert.That(names, Is.SupersetOf(new[] { "bid-pack-v2.docx", "pricing-v2.xlsx", "checks-v2.json", "granite-city-taxis.docx" }));
            Assert.That(names, Has.None.Contain("notes").And.None.StartWith(".").And.None.Contain("secret"));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await download.Content.ReadAsStringAsync(), Is.EqualTo("pack two"));
            Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
            Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(await subcontract.Content.ReadAsStringAsync(), Is.EqualTo("contract"));
            Assert.That(refused, Is.All.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest), "404, or 400 where Kestrel refuses the path itself (a NUL)");
            Assert.That(otherConsortium.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_lead_sees_its_bids_instances_and_journal_and_not_another_consortiums()
    {
        var mine = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync("/api/instances")))!;
        var theirs = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadB.GetAsync("/api/instances")))!;
        var all = JsonNode.Parse(await TenantsNode.Ok(_tenants.Adviser.GetAsync("/api/instances")))!;
        var one = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync($"/api/instances/{_tenants.InstanceA}")))!;
        var journal = JsonNode.Parse(await TenantsNode.Ok(_tenants.LeadA.GetAsync($"/api/instances/{_tenants.InstanceA}/journal?pageSize=2")))!;
        Assert.Multiple(async () =>
        {
            Assert.That(mine["instances"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()), Is.EqualTo(new[] { _tenants.InstanceA.ToString() }));
            Assert.That(theirs["total"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(all["total"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
            Assert.That(one["summary"]!["correlationId"]!.GetValue<string>(), Is.EqualTo(_tenants.OpportunityA));
            Assert.That(one["journal"]!.AsArray(), Is.Not.Empty);
            Assert.That(journal["journal"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(journal["next"]!.GetValue<string>(), Does.Contain("page=2"));
            Assert.That((await _tenants.LeadB.GetAsync($"/api/instances/{_tenants.InstanceA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await _tenants.LeadA.GetAsync("/api/instances/not-a-guid")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task The_openapi_document_describes_the_api()
    {
        var response = await _tenants.Anonymous.GetAsync("/openapi/v1.json");
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(doc["info"]!["title"]!.GetValue<string>(), Is.EqualTo("TenderConsortium API"));
            Assert.That(paths, Is.SupersetOf(new[]
            {
                "/api/opportunities", "/api/opportunities/{id}", "/api/opportunities/{id}/matches", "/api/opportunities/{id}/invitations",
                "/api/opportunities/{id}/allocation", "/api/opportunities/{id}/allocation/overrides", "/api/opportunities/{id}/documents",
                "/api/reviews", "/api/opportunities/{id}/review/decision", "/api/instances", "/api/instances/{id}/journal",
                "/api/invitations/{token}/declaration", "/api/sign-in", "/api/members",
            }));
            Assert.That(paths, Has.None.StartWith("/lead").And.None.StartWith("/adviser"), "pages are not part of the API");
        });
    }

    private async Task<string> Scalar(string sql)
    {
        await using var db = new SqliteConnection(_tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }
}
