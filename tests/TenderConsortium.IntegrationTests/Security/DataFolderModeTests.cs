using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Web.Security;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// The data folder holds the database, live links in the outbox's .eml files, documents and keys: on Unix it is 0700
/// and everything in it 0600. Checked on a real `tender serve` that seeded the demo (which writes every kind of file),
/// and on a folder left readable by an earlier version. What the serve prints about the demo is checked here too.
/// </summary>
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderModeTests
{
    private string _data = null!;

    [SetUp]
    public void Folder() => _data = Path.Combine(Path.GetTempPath(), "tender-modes-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Test]
    public async Task Serve_with_the_demo_keeps_the_folder_and_every_file_to_its_owner_and_labels_the_links_for_local_trial()
    {
        using var serve = await ServeProcess.StartAsync(_data, demo: true);
        var output = serve.Process.Output;
        var outbox = Path.Combine(_data, "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Directory.Exists(outbox) && Directory.EnumerateFiles(outbox, "*.eml").Any()) && DateTime.UtcNow < deadline) await Task.Delay(200);

        var files = Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).ToList();
        var folders = Directory.EnumerateDirectories(_data, "*", SearchOption.AllDirectories).Prepend(_data).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files.Select(Path.GetFileName), Does.Contain("tender.db").And.Contain("invitations.key"));
            Assert.That(files.Where(f => f.EndsWith(".eml", StringComparison.Ordinal)), Is.Not.Empty, "the outbox delivered the demo's emails");
            Assert.That(files.Where(f => f.Contains($"{Path.DirectorySeparatorChar}documents{Path.DirectorySeparatorChar}", StringComparison.Ordinal)), Is.Not.Empty, "the demo built a bid pack");
            foreach (var folder in folders) Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(DataFolderAccess.FolderMode), folder);
            foreach (var file in files) Assert.That(File.GetUnixFileMode(file), Is.EqualTo(DataFolderAccess.FileMode), file);

            var label = output.IndexOf("FOR LOCAL TRIAL ONLY", StringComparison.Ordinal);
            Assert.That(label, Is.GreaterThan(0), output);
            Assert.That(output.IndexOf("/sign-in/verify?token=", StringComparison.Ordinal), Is.GreaterThan(label), "the links come after the label");
        });
    }

    [Test]
    public async Task Serve_that_others_can_reach_seeds_no_demo_and_prints_no_link()
    {
        using var serve = await ServeProcess.StartAsync(_data, demo: true, listen: "0.0.0.0");
        var opportunities = await serve.Http.GetAsync("/api/opportunities");
        Assert.Multiple(() =>
        {
            Assert.That(serve.Process.Output, Does.Not.Contain("token=").And.Not.Contain("/d/").And.Not.Contain("seeding"));
            Assert.That((int)opportunities.StatusCode, Is.EqualTo(401), "nobody signed in, and no demo account exists to sign in as");
            Assert.That(File.GetUnixFileMode(_data), Is.EqualTo(DataFolderAccess.FolderMode));
        });
    }

    [Test]
    public void A_folder_left_readable_by_an_earlier_version_is_tightened_with_what_it_holds()
    {
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var outbox = Path.Combine(_data, "outbox");
        Directory.CreateDirectory(outbox, open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_data, open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var eml = Path.Combine(outbox, "sign-in-1.eml");
        File.WriteAllText(eml, "a live link");
        File.SetUnixFileMode(eml, open);

        DataFolderAccess.Restrict(_data);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(_data), Is.EqualTo(DataFolderAccess.FolderMode));
            Assert.That(File.GetUnixFileMode(outbox), Is.EqualTo(DataFolderAccess.FolderMode));
            Assert.That(File.GetUnixFileMode(eml), Is.EqualTo(DataFolderAccess.FileMode));
        });
    }
}
