using System.CommandLine;
using System.Text.Json.Nodes;
using TenderConsortium.Cli.Workflows;
using static TenderConsortium.Workflows.Tests.Definitions.DefinitionFixtures;

namespace TenderConsortium.Workflows.Tests.Definitions;

/// <summary>"tender workflows check", run in-process with stdout and stderr captured.</summary>
[TestFixture]
[NonParallelizable] // Console.SetOut/SetError are process-wide.
public sealed class WorkflowCheckCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "tender-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Valid_files_print_ok_with_id_and_hash_and_exit_0()
    {
        File.WriteAllText(Path.Combine(_dir, "minimal.json"), Minimal().ToJsonString());
        var hash = Loader.Parse(Minimal().ToJsonString(), "x").Hash;

        var (exit, stdout, stderr) = await Run("check", _dir);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout.Trim(), Is.EqualTo($"OK  minimal.json  minimal  hash {hash[..12]}"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public async Task Errors_go_to_stderr_with_file_and_path_and_exit_2()
    {
        File.WriteAllText(Path.Combine(_dir, "good.json"), Minimal().ToJsonString());
        var bad = Minimal();
        bad["id"] = "bad";
        bad["activities"]![1]!["properties"]!["duration"] = "3 days";
        File.WriteAllText(Path.Combine(_dir, "bad.json"), bad.ToJsonString());

        var (exit, stdout, stderr) = await Run("check", _dir);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Does.Contain("OK  good.json  minimal  hash "));
        Assert.That(stdout, Does.Not.Contain("bad.json"));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            "bad.json: $.activities[1].properties.duration: expected an ISO 8601 duration such as \"P3D\" or \"PT2S\", got \"3 days\"",
        }));
    }

    [Test]
    public async Task The_repository_examples_pass()
    {
        var (exit, stdout, stderr) = await Run("check", Path.Combine(RepositoryRoot(), "workflows", "examples"));

        Assert.That(stderr, Is.Empty);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("OK  approval-demo.json  approval-demo  hash "));
    }

    [Test]
    public async Task A_missing_directory_exits_2()
    {
        var missing = Path.Combine(_dir, "absent");

        var (exit, stdout, stderr) = await Run("check", missing);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Trim(), Is.EqualTo($"{missing}: directory not found"));
    }

    [Test]
    public async Task An_empty_directory_exits_2()
    {
        var (exit, _, stderr) = await Run("check", _dir);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("no workflow definition files"));
    }

    [Test]
    public async Task Without_a_directory_it_checks_workflows_in_the_current_directory()
    {
        var workflows = Directory.CreateDirectory(Path.Combine(_dir, "workflows"));
        File.WriteAllText(Path.Combine(workflows.FullName, "minimal.json"), Minimal().ToJsonString());
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _dir;
        try
        {
            var (exit, stdout, _) = await Run("check");

            Assert.That(exit, Is.EqualTo(0));
            Assert.That(stdout, Does.StartWith("OK  minimal.json  minimal  hash "));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await new RootCommand { WorkflowCheckCommand.Create() }.Parse(args).InvokeAsync();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
