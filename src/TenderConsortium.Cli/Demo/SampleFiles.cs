namespace TenderConsortium.Cli.Demo;

/// <summary>The samples folder: ./samples when run from the repository, otherwise the copy beside the binary.</summary>
public static class SampleFiles
{
    public static string Folder()
    {
        var local = Path.Combine(Directory.GetCurrentDirectory(), "samples");
        return Directory.Exists(Path.Combine(local, "declarations")) ? local : Path.Combine(AppContext.BaseDirectory, "samples");
    }
}
