using System.Net;
using System.Text;
using System.Text.Json;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>The intake API on a real Kestrel port and a real SQLite file.</summary>
public sealed class IntakeApiTests
{
    private WebNode _node = null!;

    private HttpClient Http => _node.Http;

    [SetUp]
    public async Task StartApp()
    {
        _node = await WebNode.StartAsync();
        await _node.AuthenticateAsLeadAsync();
    }

    [TearDown]
    public async Task StopApp() => await _node.DisposeAsync();

    [Test]
    public async Task A_real_notice_posted_is_stored_and_listed()
    {
        var notice = await File.ReadAllTextAsync(SampleNotice("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json"));
        var response = await Http.PostAsync("/api/opportunities", new StringContent(notice, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var opportunity = created.RootElement.GetProperty("opportunities")[0];
        Assert.That(opportunity.GetProperty("ocid").GetString(), Is.EqualTo("ocds-r6ebe6-0000567519"));
        Assert.That(opportunity.GetProperty("lots").GetArrayLength(), Is.EqualTo(2));

        var list = await Http.GetStringAsync("/api/opportunities");
        Assert.That(list, Does.Contain("Glasgow Residential Recovery Services"));
        var show = await Http.GetAsync("/api/opportunities/" + opportunity.GetProperty("id").GetString());
        Assert.That(show.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.GetAsync("/api/opportunities/nope")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("""{"ocid": "x", "tender": {""", "the JSON ends early", TestName = "Truncated notice gives 400 problem details")]
    [TestCase("hello", "not valid JSON", TestName = "Non-JSON notice gives 400 problem details")]
    public async Task Bad_notices_get_400_problem_details_and_nothing_is_stored(string body, string expected)
    {
        var response = await Http.PostAsync("/api/opportunities", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors")[0].GetString(), Does.Contain(expected));
        Assert.That(await Http.GetStringAsync("/api/opportunities"), Does.Not.Contain("\"ocid\""));
    }

    [Test]
    public async Task A_member_file_with_a_bad_row_is_refused_naming_the_line()
    {
        var csv = await File.ReadAllTextAsync(SampleMembers());
        var lines = csv.Split('\n').ToList();
        var response = await Http.PostAsync("/api/members", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        var broken = string.Join('\n', lines.Take(2)) + "\n" + lines[1].Replace("@", " at ");
        var bad = await Http.PostAsync("/api/members", new StringContent(broken, Encoding.UTF8, "text/csv"));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("line 3"));
    }

    private static string SampleNotice(string name) => RepoFiles.Path("samples", "notices", name);

    private static string SampleMembers() => RepoFiles.Path("samples", "members", "example-members.csv");
}
