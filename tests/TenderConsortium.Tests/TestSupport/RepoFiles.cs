namespace TenderConsortium.Tests.TestSupport;

/// <summary>Files shipped in the repository (samples/), found by walking up from the test binaries to the solution.</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TenderConsortium.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("TenderConsortium.sln not found above " + TestContext.CurrentContext.TestDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string Notice(string fileName) => Path.Combine(RepoRoot, "samples", "notices", fileName);

    public static string Member(string fileName) => Path.Combine(RepoRoot, "samples", "members", fileName);

    public static IEnumerable<string> OcdsNotices() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "samples", "notices"), "*-ocds-*.json").Order(StringComparer.Ordinal);
}
