using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>Release and record packages stream release by release, across buffer boundaries, with paths in messages.</summary>
public sealed class PackageStreamingTests : DatabaseTest
{
    private static string BigPackage(int count) =>
        NoticeSamples.Package(Enumerable.Range(1, count).Select(i => NoticeSamples.ReleaseNode().WithOcid($"ocds-test-{i:D5}")).ToArray());

    [Test]
    public async Task A_package_larger_than_the_read_buffer_imports_every_release()
    {
        var json = BigPackage(600);
        Assert.That(json.Length, Is.GreaterThan(4 * 64 * 1024), "spans several 64 KB buffers");
        var result = await new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "p.json");
        Assert.Multiple(async () =>
        {
            Assert.That(result.Created, Is.EqualTo(600));
            Assert.That(await new OpportunityQueries(Db.ConnectionString).CountAsync(), Is.EqualTo(600));
        });
    }

    [Test]
    public async Task The_reader_yields_one_release_at_a_time_with_its_path()
    {
        var problems = new IntakeProblems(IntakeOptions.Default);
        var paths = new List<string>();
        await foreach (var notice in new NoticeReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(BigPackage(3))), "p.json", problems))
            paths.Add(notice.Path);
        Assert.That(paths, Is.EqualTo(new[] { "releases[0]", "releases[1]", "releases[2]" }));
    }

    [Test]
    public async Task A_release_bigger_than_the_initial_buffer_is_read_whole()
    {
        var release = NoticeSamples.ReleaseNode().Set("tender.description", new string('d', 300_000));
        var result = await new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(NoticeSamples.Package(release))), "p.json");
        Assert.That(result.Opportunities.Single().Opportunity.Description, Has.Length.EqualTo(300_000));
    }

    [Test]
    public async Task A_record_package_takes_the_compiled_release_or_else_the_last_embedded_release()
    {
        var older = NoticeSamples.ReleaseNode().WithOcid("ocds-test-b").Set("tender.title", "Old title");
        var newer = NoticeSamples.ReleaseNode().WithOcid("ocds-test-b").Set("tender.title", "New title");
        var records = new JsonObject
        {
            ["records"] = new JsonArray(
                new JsonObject { ["ocid"] = "ocds-test-0001", ["compiledRelease"] = NoticeSamples.ReleaseNode() },
                new JsonObject { ["ocid"] = "ocds-test-b", ["releases"] = new JsonArray(older, newer) }),
        };
        var result = await new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(records.ToJsonString())), "r.json");
        Assert.Multiple(() =>
        {
            Assert.That(result.Created, Is.EqualTo(2));
            Assert.That(result.Opportunities.Select(o => o.Opportunity.Title), Is.EqualTo(new[] { "Community transport", "New title" }));
        });
    }

    [Test]
    public async Task A_byte_order_mark_and_package_metadata_after_the_releases_are_accepted()
    {
        var json = "\uFEFF{\"releases\":[" + NoticeSamples.Release + "],\"publisher\":{\"name\":\"PCS\"},\"version\":\"1.1\"}";
        var result = await new OpportunityImporter(Db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "p.json");
        Assert.That(result.Created, Is.EqualTo(1));
    }
}
