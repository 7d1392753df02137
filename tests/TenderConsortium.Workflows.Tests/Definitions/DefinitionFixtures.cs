using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Tests.Definitions;

/// <summary>Shared inputs for the definition tests: a loader over the built-ins, a minimal valid definition, repository paths.</summary>
internal static class DefinitionFixtures
{
    public static DefinitionLoader Loader { get; } = new(ActivityCatalogue.WithBuiltIns());

    /// <summary>start -> wait (Delay) -> end: small, valid, and easy to break one piece at a time.</summary>
    public static JsonObject Minimal() => new()
    {
        ["id"] = "minimal",
        ["name"] = "Minimal",
        ["settings"] = new JsonObject { ["pause"] = new JsonObject { ["type"] = "duration", ["default"] = "PT1M" } },
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start" },
            new JsonObject { ["id"] = "wait", ["type"] = "Delay", ["properties"] = new JsonObject { ["duration"] = "=settings.pause" } },
            new JsonObject { ["id"] = "end", ["type"] = "End" }),
        ["connections"] = new JsonArray(
            new JsonObject { ["from"] = "start", ["to"] = "wait" },
            new JsonObject { ["from"] = "wait", ["outcome"] = "done", ["to"] = "end" }),
    };

    public static JsonObject Activity(JsonObject definition, int index) => definition["activities"]![index]!.AsObject();

    public static JsonArray Connections(JsonObject definition) => definition["connections"]!.AsArray();

    public static IReadOnlyList<DefinitionError> ErrorsOf(JsonObject definition) =>
        Loader.TryParse(definition.ToJsonString(), "inline.json").Errors;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TenderConsortium.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("The repository root (with TenderConsortium.sln) is not above the test directory.");
    }

    public static string MalformedDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Definitions", "Malformed");

    /// <summary>Asserts that an error with exactly <paramref name="path"/> exists and its message contains <paramref name="fragment"/>.</summary>
    public static void AssertError(IReadOnlyList<DefinitionError> errors, string path, string fragment)
    {
        var all = string.Join(Environment.NewLine, errors);
        Assert.That(errors.Where(e => e.Path == path).Select(e => e.Message), Has.Some.Contains(fragment),
            $"expected an error at {path} containing \"{fragment}\"; got:{Environment.NewLine}{all}");
    }
}
