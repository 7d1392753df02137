namespace TenderConsortium.Host;

/// <summary>Where one node keeps its state and finds its definitions and templates.</summary>
public sealed record NodeSettings(string DataFolder, string ConnectionString, string WorkflowsFolder)
{
    /// <summary>Whether this node fires timers and delivers the outbox (false for one-shot CLI commands).</summary>
    public bool RunWorkers { get; init; } = true;

    /// <summary>The templates folder (email templates under <c>email/</c>); default ./templates, else the one beside the binary.</summary>
    public string TemplatesFolder { get; init; } = DefaultTemplatesFolder();

    /// <summary>The node's own address, the default start of links in emails when Mail:PublicBaseUrl is not set.</summary>
    public string Url { get; init; } = DefaultUrl;

    public const string DefaultUrl = "http://127.0.0.1:5080";

    public string EmailTemplatesFolder => Path.Combine(TemplatesFolder, "email");

    /// <summary>Where bid packs and sub-contracts are written: &lt;data&gt;/documents (share it between nodes).</summary>
    public string DocumentsFolder { get; init; } = "";

    public string ResolvedDocumentsFolder => DocumentsFolder.Length > 0 ? DocumentsFolder : Path.Combine(DataFolder, "documents");

    public static string DefaultTemplatesFolder()
    {
        var local = Path.Combine(Directory.GetCurrentDirectory(), "templates");
        return Directory.Exists(Path.Combine(local, "email")) ? local : Path.Combine(AppContext.BaseDirectory, "templates");
    }
}
