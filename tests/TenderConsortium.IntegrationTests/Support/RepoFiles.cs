namespace TenderConsortium.IntegrationTests.Support;

/// <summary>Files of the repository (sample notices, sample members), found from the test's output folder.</summary>
public static class RepoFiles
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "TenderConsortium.sln"))) dir = dir.Parent;
        return System.IO.Path.Combine([dir?.FullName ?? throw new InvalidOperationException("TenderConsortium.sln not found above the test folder"), .. parts]);
    }
}
