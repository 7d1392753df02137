using System.Text.Json.Nodes;
using static TenderConsortium.Workflows.Tests.Definitions.DefinitionFixtures;

namespace TenderConsortium.Workflows.Tests.Definitions;

[TestFixture]
public sealed class LoadDirectoryTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "tender-defs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "variants"));
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Reads_json_files_recursively_by_path_skipping_schemas()
    {
        Write("b.json", WithId("b"));
        Write("variants/a.json", WithId("a"));
        File.WriteAllText(Path.Combine(_dir, "workflow-definition.schema.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a definition");

        var results = Loader.LoadDirectory(_dir);

        Assert.That(results.Select(r => r.File), Is.EqualTo(new[] { "b.json", "variants/a.json" }));
        Assert.That(results.Select(r => r.Definition!.Id), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(results.Select(r => r.Definition!.SourcePath), Is.EqualTo(new[] { "b.json", "variants/a.json" }));
    }

    [Test]
    public void The_same_workflow_id_in_two_files_is_an_error_in_both()
    {
        Write("one.json", WithId("same"));
        Write("variants/two.json", WithId("same"));
        Write("three.json", WithId("other"));

        var results = Loader.LoadDirectory(_dir);

        var byFile = results.ToDictionary(r => r.File);
        Assert.That(byFile["three.json"].IsValid, Is.True);
        Assert.That(byFile["one.json"].Definition, Is.Null);
        Assert.That(byFile["one.json"].Errors.Single().ToString(),
            Is.EqualTo("one.json: $.id: workflow id 'same' is also defined in variants/two.json; each workflow id must be defined in one file only"));
        Assert.That(byFile["variants/two.json"].Errors.Single().Message, Does.StartWith("workflow id 'same' is also defined in one.json"));
    }

    [Test]
    public void An_invalid_file_does_not_stop_the_others()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.json"), "{ nope");
        Write("good.json", WithId("good"));

        var results = Loader.LoadDirectory(_dir);

        Assert.That(results.Single(r => r.File == "broken.json").Errors.Single().Message, Does.StartWith("invalid JSON at line 1"));
        Assert.That(results.Single(r => r.File == "good.json").IsValid, Is.True);
    }

    [Test]
    public void A_missing_directory_is_reported()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Loader.LoadDirectory(Path.Combine(_dir, "absent")));
    }

    private static JsonObject WithId(string id)
    {
        var d = Minimal();
        d["id"] = id;
        return d;
    }

    private void Write(string relative, JsonObject definition) =>
        File.WriteAllText(Path.Combine(_dir, relative), definition.ToJsonString());
}
