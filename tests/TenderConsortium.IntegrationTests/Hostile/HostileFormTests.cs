using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TenderConsortium.IntegrationTests.Hostile;

/// <summary>
/// Hostile input through the real host's forms and a few API calls of kinds the malformed-request suite does not send:
/// the member's declaration form (POST /d/{token}/declaration) with each field set to each hostile value, the lead's
/// member and notice uploads with hostile files, and token API calls with bodies that are not UTF-8 or not text.
/// Nothing may be a 5xx; a refused form is shown again with the error summary, its messages as text.
/// </summary>
[NonParallelizable]
public sealed partial class HostileFormTests
{
    private const string Script = "<script>alert(1)</script>";

    private static readonly string[] DeclarationFields =
    [
        "answer", "decline-reason", "lot0-offer", "lot0-volume", "lot0-price", "lot0-start-day", "lot0-start-year", "lot0-staff", "lot0-roles",
        "lot0-areas", "lot0-sv0", "conflicts", "spd-turnover", "spd-ontime",
    ];

    /// <summary>Form values; those starting with "%" are sent as raw percent-encoded bytes (not UTF-8, or a surrogate's UTF-8 form).</summary>
    private static readonly (string Name, string Value)[] Values =
    [
        ("empty", ""), ("formula", "=cmd|' /C calc'!A0"), ("separators", "a;b,c&d=e"), ("script", Script), ("RTL override", "\u202Eevil\u202C"),
        ("controls", "a\u0007b\u001b[2Jc"), ("NUL", "a\0b"), ("minus zero", "-0"), ("1e400", "1e400"), ("NaN", "NaN"),
        ("1 MB", new string('m', 1024 * 1024 + 1)), ("invalid UTF-8", "%FF%FE"), ("surrogate bytes", "%ED%A0%80"), ("JSON injection", "1, \"volume\": 999999}"),
    ];

    private HostileNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await HostileNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    public static IEnumerable<TestCaseData> DeclarationCases()
    {
        foreach (var field in DeclarationFields)
        foreach (var (name, value) in Values)
        {
            // Found by this corpus: ASP.NET's form reader refuses %00 (InvalidDataException, wrapped by antiforgery), which
            // was a 500; the page now answers that the form could not be sent.
            yield return new TestCaseData(field, value).SetName($"member form {field} = {name}");
        }
    }

    [Test]
    public void There_are_at_least_150_form_and_api_cases() =>
        Assert.That(DeclarationCases().Count() + MemberFileCases().Count() + NoticeFileCases().Count() + ApiCases().Count(), Is.GreaterThanOrEqualTo(150));

    [TestCaseSource(nameof(DeclarationCases))]
    public async Task Member_declaration_form_answers_without_a_server_error(string field, string value)
    {
        var page = $"/d/{_node.MemberToken}";
        var (client, token) = await _node.FormAsync(page);
        using (client)
        {
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["answer"] = "declare", ["lot0-offer"] = "yes", ["lot0-volume"] = "100", ["lot0-price"] = "30",
                ["lot0-start-day"] = "1", ["lot0-start-month"] = "4", ["lot0-start-year"] = "2027", ["lot0-staff"] = "3", ["lot0-roles"] = "Manager",
                ["lot0-areas"] = "S12000049", ["conflicts"] = "", ["spd-turnover"] = "250000", ["spd-ontime"] = "97",
            };
            if (field == "decline-reason") form["answer"] = "decline";
            form[field] = value;
            var response = await client.PostAsync($"{page}/declaration", FormBody(form));
            var html = await response.Content.ReadAsStringAsync();

            AssertAnswered(response, html, [HttpStatusCode.Redirect, HttpStatusCode.BadRequest]);
            if (response.StatusCode == HttpStatusCode.BadRequest) AssertErrorSummary(html);
            var after = await client.GetAsync(page);
            AssertAnswered(after, await after.Content.ReadAsStringAsync(), [HttpStatusCode.OK]);
        }
    }

    [Test]
    public async Task A_form_without_its_antiforgery_token_or_as_json_is_refused_with_a_page()
    {
        var page = $"/d/{_node.MemberToken}";
        var (client, _) = await _node.FormAsync(page);
        using (client)
        {
            foreach (var content in new HttpContent[]
                     {
                         new FormUrlEncodedContent([new("answer", "decline"), new("decline-reason", "no")]),
                         new StringContent("{\"decline\": \"no\"}", Encoding.UTF8, "application/json"),
                         new ByteArrayContent([0xFF, 0xFE, 0x00]),
                     })
            {
                var response = await client.PostAsync($"{page}/declaration", content);
                var html = await response.Content.ReadAsStringAsync();
                AssertAnswered(response, html, [HttpStatusCode.BadRequest]);
                Assert.That(html, Does.Contain("The form could not be sent"));
            }
        }
    }

    public static IEnumerable<TestCaseData> MemberFileCases()
    {
        var sample = File.ReadAllText(Support.RepoFiles.Path("samples", "members", "sample-consortium.csv"));
        var lines = sample.TrimEnd('\n').Split('\n');
        var header = lines[0];
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        TestCaseData Case(string name, string fileName, byte[] content) => new TestCaseData(fileName, content).SetName($"lead members upload: {name}");
        string Row(string name, string registration, string email = "ann@example.org") => $"{name},CIC,{registration},Ann,{email},,,,,,,,,,";

        yield return Case("the sample", "members.csv", Utf8(sample));
        yield return Case("a member called <script>", "members.csv", Utf8(sample + Row($"\"{Script}\"", "SC880001") + "\n"));
        yield return Case("a formula as name", "members.csv", Utf8(sample + Row("\"=cmd|' /C calc'!A0\"", "SC880002") + "\n"));
        yield return Case("RTL override in a name", "members.csv", Utf8(sample + Row("\u202Eevil\u202C CIC", "SC880003") + "\n"));
        yield return Case("control characters in a name", "members.csv", Utf8(sample + Row("a\u0007b\u001b[2J", "SC880004") + "\n"));
        yield return Case("unbalanced quote", "members.csv", Utf8(sample + "\"Unclosed CIC,CIC,SC880005,A,a@b.org\n"));
        yield return Case("too few fields", "members.csv", Utf8(sample + "only,three,fields\n"));
        yield return Case("unknown legal form", "members.csv", Utf8(sample + Row("Plc Ltd", "SC880006").Replace(",CIC,", ",plc,", StringComparison.Ordinal) + "\n"));
        yield return Case("duplicate registration", "members.csv", Utf8(sample + Row("Again CIC", lines[1].Split(',')[2]) + "\n"));
        yield return Case("certificate expiring in 9999 and one from 1900", "members.csv", Utf8(sample + Row("Old CIC", "SC880007").Replace(",,,,,,,,,,", ",,,,PVG:9999-12-31;ISO 9001:1900-01-01,,,,,,", StringComparison.Ordinal) + "\n"));
        yield return Case("Windows-1252 pound sign", "members.csv", [.. Utf8(sample), .. Encoding.Latin1.GetBytes(Row("Pound CIC", "SC880008").Replace(",,,,,,,,,,", ",,,,,,\u00a3100,,,,", StringComparison.Ordinal) + "\n")]);
        yield return Case("UTF-16", "members.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(sample)]);
        yield return Case("semicolons", "members.csv", Utf8(sample.Replace(',', ';')));
        yield return Case("header only", "members.csv", Utf8(header + "\n"));
        yield return Case("1 MB name", "members.csv", Utf8(sample + Row(new string('n', 1024 * 1024 + 1), "SC880009") + "\n"));
        yield return Case("5,000 rows, the last bad", "members.csv", Utf8(header + "\n" + string.Join("\n", Enumerable.Range(0, 5_000).Select(i => Row($"Member {i}", $"SC9{i:00000}"))) + "\n" + Row("Bad", "SC#1", "nobody") + "\n"));
        yield return Case("JSON with a lone surrogate", "members.json", Utf8("[{\"name\":\"\\ud800\",\"legalForm\":\"CIC\",\"registrationNumber\":\"SC880010\",\"contacts\":[{\"email\":\"a@b.org\"}]}]"));
        yield return Case("JSON nested 10,000 deep", "members.json", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Case("a spreadsheet", "members.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);
        yield return Case("a file name with a path", "../../etc/members.csv", Utf8(sample));
    }

    [TestCaseSource(nameof(MemberFileCases))]
    public async Task Lead_members_upload_answers_without_a_server_error(string fileName, byte[] content)
    {
        var response = await UploadAsync("/lead/members", "/lead/members/import", "members", fileName, content);
        var html = await response.Content.ReadAsStringAsync();
        AssertAnswered(response, html, [HttpStatusCode.Redirect, HttpStatusCode.BadRequest]);
        if (response.StatusCode == HttpStatusCode.BadRequest) AssertErrorSummary(html);
        var list = await _node.LeadBrowser.GetAsync("/lead/members");
        AssertAnswered(list, await list.Content.ReadAsStringAsync(), [HttpStatusCode.OK]);
    }

    public static IEnumerable<TestCaseData> NoticeFileCases()
    {
        var release = File.ReadAllText(Support.RepoFiles.Path("samples", "notices", HostileNode.Notice));
        var yaml = File.ReadAllText(Support.RepoFiles.Path("samples", "notices", "quick-quote-example.yaml"));
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        string With(string path, string raw)
        {
            var node = JsonNode.Parse(release)!;
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate(node, (n, p) => n[p]!);
            parent[parts[^1]] = "@@X@@";
            return node.ToJsonString().Replace("\"@@X@@\"", raw, StringComparison.Ordinal);
        }

        TestCaseData Case(string name, string fileName, byte[] content) => new TestCaseData(fileName, content).SetName($"lead notice upload: {name}");
        yield return Case("the sample", "notice.json", Utf8(release));
        yield return Case("a script title", "notice.json", Utf8(With("tender.title", JsonSerializer.Serialize(Script))));
        yield return Case("a lone surrogate title", "notice.json", Utf8(With("tender.title", "\"\\ud800\"")));
        yield return Case("invalid UTF-8 title", "notice.json", [.. Utf8(With("tender.title", "\"@\"")).Select(b => b == (byte)'@' ? (byte)0xFF : b)]);
        yield return Case("amount 1e400", "notice.json", Utf8(With("tender.value.amount", "1e400")));
        yield return Case("amount -0", "notice.json", Utf8(With("tender.value.amount", "-0")));
        yield return Case("deadline 9999-12-31", "notice.json", Utf8(With("tender.tenderPeriod.endDate", "\"9999-12-31T23:59:59Z\"")));
        yield return Case("deadline 0001-01-01", "notice.json", Utf8(With("tender.tenderPeriod.endDate", "\"0001-01-01T00:00:00+14:00\"")));
        yield return Case("truncated", "notice.json", Utf8(release[..(release.Length / 2)]));
        yield return Case("nested 10,000 deep", "notice.json", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Case("UTF-16", "notice.json", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(release)]);
        yield return Case("two releases concatenated", "notice.json", Utf8(release + release));
        yield return Case("YAML sample", "notice.yaml", Utf8(yaml));
        yield return Case("YAML truncated", "notice.yaml", Utf8(yaml[..(yaml.Length / 3)]));
        yield return Case("YAML bomb", "notice.yaml", Utf8("format: tender-notice/1\nreference: Q\nbuyer: Fife Council\ntitle: T\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"));
        yield return Case("YAML lone surrogate", "notice.yaml", Utf8("format: tender-notice/1\nreference: Q\nbuyer: Fife Council\ntitle: \"\\ud800\"\n"));
        yield return Case("an executable", "notice.exe", [0x4D, 0x5A, 0x90, 0x00]);
    }

    [TestCaseSource(nameof(NoticeFileCases))]
    public async Task Lead_notice_upload_answers_without_a_server_error(string fileName, byte[] content)
    {
        var response = await UploadAsync("/lead/opportunities/import", "/lead/opportunities/import", "notice", fileName, content);
        var html = await response.Content.ReadAsStringAsync();
        AssertAnswered(response, html, [HttpStatusCode.Redirect, HttpStatusCode.BadRequest]);
        if (response.StatusCode == HttpStatusCode.BadRequest) AssertErrorSummary(html);
        else
        {
            var target = await _node.LeadBrowser.GetAsync(response.Headers.Location!);
            AssertAnswered(target, await target.Content.ReadAsStringAsync(), [HttpStatusCode.OK]);
        }
    }

    public static IEnumerable<TestCaseData> ApiCases()
    {
        TestCaseData Case(string name, string method, string path, byte[] body, string? contentType, params int[] allowed) =>
            new TestCaseData(method, path, body, contentType, allowed).SetName($"api {name}: {method} {path}");
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var declaration = "/api/invitations/{T}/declaration";

        yield return Case("declaration not UTF-8", "PUT", declaration, [.. Utf8("{\"decline\":\""), 0xFF, 0xFE, .. Utf8("\"}")], "application/json", 400);
        yield return Case("declaration with an escaped lone surrogate", "PUT", declaration, Utf8("{\"decline\":\"\\udfff\"}"), "application/json", 400);
        yield return Case("declaration with a lone surrogate key", "PUT", declaration, Utf8("{\"\\ud800\":1,\"decline\":\"no\"}"), "application/json", 400);
        yield return Case("declaration in UTF-16", "PUT", declaration, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{\"decline\":\"no\"}")], "application/json; charset=utf-16", 400, 415);
        yield return Case("declaration with a byte-order mark", "PUT", declaration, [0xEF, 0xBB, 0xBF, .. Utf8("{\"decline\":\"no thanks\"}")], "application/json", 200);
        yield return Case("declaration over 64 KB", "PUT", declaration, Utf8("{\"decline\":\"" + new string('d', 70_000) + "\"}"), "application/json", 400, 413);
        yield return Case("declaration with a price of 0.001", "PUT", declaration, Utf8("{\"lots\":[{\"lotId\":\"1\",\"volume\":10,\"pricePerUnit\":0.001,\"earliestStart\":\"2027-04-01\"}]}"), "application/json", 400);
        yield return Case("declaration nested 10,000 deep", "PUT", declaration, Utf8(new string('[', 10_000) + new string(']', 10_000)), "application/json", 400);
        yield return Case("lead declaration with a lone surrogate", "PUT", "/api/opportunities/{A}/declarations/{M}", Utf8("{\"decline\":\"\\ud800\"}"), "application/json", 400, 404);
        yield return Case("members CSV in Windows-1252", "POST", "/api/members?dryRun=true", [.. Utf8("name,legal_form,registration_number,contact_email\n"), .. Encoding.Latin1.GetBytes("Caf\u00e9 CIC,CIC,SC770001,a@b.org\n")], "text/csv", 400);
        yield return Case("members CSV in UTF-16", "POST", "/api/members?dryRun=true", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("name,legal_form,registration_number,contact_email\nA CIC,CIC,SC770002,a@b.org\n")], "text/csv", 400);
        yield return Case("members CSV separated by semicolons", "POST", "/api/members?dryRun=true", Utf8("name;legal_form;registration_number;contact_email\nA CIC;CIC;SC770003;a@b.org\n"), "text/csv", 400);
        yield return Case("notice with a lone surrogate key", "POST", "/api/opportunities", Utf8("{\"\\ud800\":1,\"ocid\":\"ocds-x-1\",\"tender\":{\"title\":\"t\"}}"), "application/json", 400);
        yield return Case("notice with invalid UTF-8", "POST", "/api/opportunities", [.. Utf8("{\"ocid\":\"ocds-x-2\",\"tender\":{\"title\":\""), 0xC0, 0xAF, .. Utf8("\"}}")], "application/json", 400);
        yield return Case("YAML notice with a bomb", "POST", "/api/opportunities?fileName=q.yaml", Utf8("format: tender-notice/1\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"), "application/yaml", 400);
        // Found by this corpus: GetString() on "\ud800" threw InvalidOperationException (a 500) before ReadConsent caught it too.
        yield return Case("consent with a lone surrogate decision", "POST", "/api/invitations/{T}/consent", Utf8("{\"decision\":\"\\ud800\"}"), "application/json", 400, 409);
        yield return Case("YAML notice with two documents", "POST", "/api/opportunities?fileName=q.yaml", Utf8("format: tender-notice/1\n---\nformat: tender-notice/1\n"), "application/yaml", 400);
    }

    [TestCaseSource(nameof(ApiCases))]
    public async Task Api_call_answers_with_a_specific_problem(string method, string path, byte[] body, string? contentType, int[] allowed)
    {
        var member = path.Contains("{M}", StringComparison.Ordinal) ? await FirstInvitedMemberAsync() : "";
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{T}", _node.MemberToken).Replace("{A}", _node.Opportunity).Replace("{M}", member))
        {
            Content = new ByteArrayContent(body),
        };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var client = path.StartsWith("/api/invitations", StringComparison.Ordinal) ? _node.Node.Http : _node.LeadApi;
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        AssertAnswered(response, text, allowed.Select(s => (HttpStatusCode)s).ToArray());
        if ((int)response.StatusCode >= 400 && (int)response.StatusCode != 413)
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            using var problem = JsonDocument.Parse(text);
            var errors = problem.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.ToString()).ToList()
                : [problem.RootElement.GetProperty("detail").GetString()!];
            Assert.That(errors, Is.Not.Empty.And.All.Not.Empty, text);
            Assert.That(errors, Is.All.Match(@"(line \d+|^\S+: |the (file|JSON|YAML)|top level|body)"), "each names its place: " + text);
        }
    }

    private async Task<string> FirstInvitedMemberAsync()
    {
        using var doc = JsonDocument.Parse(await HostileNode.Ok(_node.LeadApi.GetAsync($"/api/opportunities/{_node.Opportunity}/invitations")));
        return FindMemberId(doc.RootElement) ?? "none";
    }

    private static string? FindMemberId(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("memberId", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        JsonValueKind.Object => element.EnumerateObject().Select(p => FindMemberId(p.Value)).FirstOrDefault(v => v is not null),
        JsonValueKind.Array => element.EnumerateArray().Select(FindMemberId).FirstOrDefault(v => v is not null),
        _ => null,
    };

    private async Task<HttpResponseMessage> UploadAsync(string page, string action, string field, string fileName, byte[] content)
    {
        var (_, token) = await _node.FormAsync(page, _node.LeadBrowser);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        return await _node.LeadBrowser.PostAsync(action, form);
    }

    /// <summary>Form bodies are sent as written: values starting with % are raw percent-encoded bytes.</summary>
    private static StringContent FormBody(Dictionary<string, string> form) =>
        new(string.Join("&", form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + (kv.Value.StartsWith('%') ? kv.Value : Uri.EscapeDataString(kv.Value)))),
            Encoding.ASCII, "application/x-www-form-urlencoded");

    private static void AssertAnswered(HttpResponseMessage response, string body, HttpStatusCode[] allowed)
    {
        Assert.That((int)response.StatusCode, Is.LessThan(500), (body.Length > 2000 ? body[..2000] : body) + "\nserver log:\n" + Support.TestLogProvider.Text);
        Assert.That(allowed, Does.Contain(response.StatusCode), body.Length > 2000 ? body[..2000] : body);
        Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception name");
        Assert.That(body, Does.Not.Contain(Script), "hostile text is shown as text, never as markup");
    }

    private static void AssertErrorSummary(string html)
    {
        // A body the form reader cannot read at all (a NUL) gets the plain "could not be sent" page instead of field errors.
        if (html.Contains("The form could not be sent", StringComparison.Ordinal)) return;
        Assert.That(html, Does.Contain("There is a problem"));
        var items = ErrorItem().Matches(html).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.That(items, Is.Not.Empty.And.All.Not.Empty, "each error is a message in the summary");
    }

    [GeneratedRegex("""<ul class="govuk-list govuk-error-summary__list">\s*<li><a href="#[^"]*">([^<]*)</a>""")]
    private static partial Regex ErrorItem();
}
