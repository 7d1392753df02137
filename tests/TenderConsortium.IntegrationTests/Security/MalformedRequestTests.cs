using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// Hostile and malformed requests through the real host, as a lead with a key (so they reach the handlers): bad JSON,
/// wrong types, huge numbers, odd unicode, path traversal in ids, missing fields, wrong content types, bad paging.
/// None may be answered 5xx, and every API error is problem+json.
/// </summary>
[NonParallelizable]
public sealed class MalformedRequestTests
{
    private static readonly string[] BadJsonBodies =
    [
        "", "{", "}", "[", "null", "true", "42", "\"text\"", "[]", "{\"a\":}", "{'single': 'quotes'}", "{\"a\": 1,}", "{\"a\" 1}",
        "\uFEFF{}", "{\"a\": NaN}", "{\"a\": 1e999999}", "{\"a\": -1e400}", "{\"a\": 123456789012345678901234567890}", "{\"a\": \"\\ud800\"}",
        "{\"a\": \"\u0000\"}", new string('[', 5000) + new string(']', 5000), "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {}}}}}}", "<xml/>", "a=b&c=d",
        "{\"overrides\": \"not an array\"}", "{\"overrides\": [1, 2, 3]}", "{\"overrides\": [{\"memberId\": 5, \"lotId\": [], \"volume\": \"lots\", \"reason\": null}]}",
        "{\"overrides\": [{\"memberId\": \"x\", \"lotId\": \"1\", \"volume\": 1e308, \"reason\": \"r\"}]}",
        "{\"overrides\": [{\"memberId\": \"x\", \"lotId\": \"1\", \"volume\": -99999999999999999999, \"reason\": \"r\"}]}",
        "{\"memberId\": null}", "{\"memberId\": {\"$ne\": 1}}", "{\"memberId\": \"../../etc/passwd\", \"reason\": \"\u202Eevil\"}",
        "{\"lots\": [{\"lotId\": \"1\", \"volume\": 1.5e300, \"pricePerUnit\": -0, \"earliestStart\": \"9999-99-99\"}]}",
        "{\"lots\": \"many\"}", "{\"lots\": [null]}", "{\"decline\": 42}", "{\"decision\": \"maybe\"}", "{\"decision\": [\"accept\"]}",
        "{\"section\": 1, \"text\": 2}", "{\"section\": \"" + new string('s', 5000) + "\", \"text\": \"x\"}", "{\"email\": 12}",
        "{\"email\": \"\uD83D\uDE00@\uD83D\uDE00.example\"}", "{\"email\": \"a@b\\r\\nBcc: victim@example.org\"}",
    ];

    private static readonly (string Method, string Path)[] JsonEndpoints =
    [
        ("POST", "/api/opportunities/{A}/allocation/overrides"),
        ("POST", "/api/opportunities/{A}/withdrawals"),
        ("PUT", "/api/opportunities/{A}/declarations/x"),
        ("PUT", "/api/invitations/{T}/declaration"),
        ("POST", "/api/invitations/{T}/consent"),
        ("POST", "/api/invitations/{T}/withdrawal"),
        ("POST", "/api/opportunities"),
        ("POST", "/api/sign-in"),
        ("POST", "/api/opportunities/{A}/outcome"),
    ];

    // Valid JSON holding strings that are not text: System.Text.Json throws InvalidOperationException on reading them,
    // so each goes to every JSON endpoint rather than a sample.
    private static readonly string[] LoneSurrogateBodies =
    [
        "{\"email\": \"\\ud800@x.org\"}", "{\"decision\": \"\\udc00\"}", "{\"decision\": \"decline\", \"reason\": \"\\ud800\"}",
        "{\"memberId\": \"\\ud800\", \"reason\": \"r\"}", "{\"memberId\": \"x\", \"reason\": \"\\udfff\"}", "{\"awardedLots\": [\"\\ud800\"]}",
        "{\"awardedLots\": [\"1\", 2, null]}", "{\"overrides\": [{\"memberId\": \"\\ud800\", \"lotId\": \"\\udc00\", \"volume\": 1, \"reason\": \"\\ud800\"}]}",
        "{\"\\ud800\": \"a lone surrogate as a property name\"}",
    ];

    private static readonly string[] HostileIds =
    [
        "..", "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fdata", "..%5C..%5Cwindows", "%00", "a%00b", "%FF%FE", "%C0%AF", "' OR '1'='1",
        "1;DROP TABLE opportunities", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "\u00e9\u0301\u200b\u202e", "%F0%9F%92%A9", new string('9', 400), "-1",
        "99999999999999999999999", "null", "undefined", "{id}", "%7B%22a%22%3A1%7D", "con", "*", "ocds-r6ebe6-0000581730%20",
    ];

    private static readonly string[] IdPaths =
    [
        "/api/opportunities/{id}", "/api/opportunities/{id}/matches", "/api/opportunities/{id}/invitations", "/api/opportunities/{id}/allocation",
        "/api/opportunities/{id}/documents", "/api/opportunities/{id}/documents/{id}", "/api/opportunities/{id}/review", "/api/instances/{id}",
        "/api/instances/{id}/journal", "/api/invitations/{id}",
    ];

    private static readonly string[] BadQueries =
    [
        "/api/opportunities?page=abc", "/api/opportunities?page=-1", "/api/opportunities?pageSize=0", "/api/opportunities?pageSize=1e3",
        "/api/opportunities?page=99999999999", "/api/opportunities?page=1&page=2", "/api/opportunities?pageSize=%00", "/api/instances?status=%27%3B--",
        "/api/instances?page=%F0%9F%92%A9", "/api/members?pageSize=201", "/api/opportunities?fileName=../../x.yaml",
        "/api/members?dryRun=maybe", "/api/opportunities/{A}/invitations?page=0", "/api/reviews?page=x",
    ];

    private TenantsNode _tenants = null!;

    [OneTimeSetUp]
    public async Task Start() => _tenants = await TenantsNode.StartAsync(new Dictionary<string, string>
    {
        ["Security:SignInPermitLimit"] = "10000",
        ["TokenThrottle:MaxFailures"] = "100000",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases()
    {
        var n = 0;
        foreach (var (method, path) in JsonEndpoints)
        foreach (var body in BadJsonBodies.Where((_, i) => (i + n) % 3 == 0 || method == "POST" && path.EndsWith("overrides", StringComparison.Ordinal)))
            yield return Case(method, path, body, "application/json", $"{n++:000} bad JSON");
        foreach (var (method, path) in JsonEndpoints)
        foreach (var body in LoneSurrogateBodies)
            yield return Case(method, path, body, "application/json", $"{n++:000} lone surrogate");
        foreach (var (method, path) in JsonEndpoints.Take(3))
        foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/json; charset=utf-16", "" })
            yield return Case(method, path, "{\"a\": 1}", type, $"{n++:000} content type {type}");
        foreach (var path in IdPaths)
        foreach (var id in HostileIds.Where((_, i) => (i + n) % 2 == 0))
            yield return Case("GET", path.Replace("{id}", id), null, null, $"{n++:000} id {id[..Math.Min(20, id.Length)]}");
        foreach (var query in BadQueries) yield return Case("GET", query, null, null, $"{n++:000} query");
        yield return Case("POST", "/api/members", "name,legal_form\n\"unterminated", "text/csv", $"{n++:000} broken CSV");
        yield return Case("POST", "/api/members", "[{\"name\": \"\\ud800\"}]", "application/json", $"{n++:000} members JSON with a lone surrogate");
        yield return Case("POST", "/api/members?fileName=x.exe", "MZ\u0090\u0000", "application/octet-stream", $"{n++:000} binary members");
        yield return Case("POST", "/api/opportunities?fileName=x.yaml", "a: [b\n: :\n\t- !!python/object:os.system", "application/yaml", $"{n++:000} hostile YAML");
        yield return Case("POST", "/api/opportunities", "{\"releases\": [{\"ocid\": 1, \"tender\": \"none\"}]}", "application/json", $"{n++:000} OCDS wrong types");
        yield return Case("DELETE", "/api/opportunities/{A}", null, null, $"{n++:000} unknown method");
        yield return Case("PATCH", "/api/instances", "{}", "application/json", $"{n++:000} unknown method on list");
    }

    private static TestCaseData Case(string method, string path, string? body, string? contentType, string name) =>
        new TestCaseData(method, path, body, contentType).SetName($"{name}: {method} {Shorten(path)}");

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;

    [Test]
    public void There_are_at_least_100_cases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(100));

    /// <summary>Every paged list the lead can read, each with each kind of bad paging: 400 naming the field, never 500.</summary>
    [Test]
    public async Task Bad_paging_is_400_on_every_list()
    {
        string[] lists = ["/api/opportunities", "/api/members", "/api/instances", "/api/opportunities/{A}/invitations", "/api/opportunities/{A}/documents"];
        string[] queries = ["page=0", "pageSize=0", "pageSize=abc", "page=2147483647", "page=-1", "pageSize=201"];
        foreach (var list in lists)
        foreach (var query in queries)
        {
            var response = await _tenants.LeadA.GetAsync($"{list.Replace("{A}", _tenants.OpportunityA)}?{query}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{list}?{query}: {text}");
            Assert.That(text, Does.Contain(query.Split('=')[0] + ": expected a whole number"), $"{list}?{query}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_answered_without_a_server_error(string method, string path, string? body, string? contentType)
    {
        var resolved = path.Replace("{A}", _tenants.OpportunityA).Replace("{T}", _tenants.MemberToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), resolved);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (!string.IsNullOrEmpty(contentType)) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _tenants.LeadA.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.LessThan(500), $"{text}\nbody: {Shorten(body ?? "")}");
        if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentLength != 0 && resolved.StartsWith("/api", StringComparison.Ordinal))
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception name");
    }
}
