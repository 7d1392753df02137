using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>
/// Times reach people in UK time even on a machine without time zone data (a slim container with no tzdata): the
/// `tender` process is run with TZDIR pointing at an empty folder, and reads the same as with tzdata.
/// </summary>
public sealed class UkTimeTests
{
    [Test]
    public async Task A_summer_deadline_reads_in_british_summer_time_with_or_without_tzdata()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-uktime-" + Guid.NewGuid().ToString("N"));
        var noZones = Path.Combine(data, "no-zoneinfo");
        Directory.CreateDirectory(noZones);
        try
        {
            var notice = RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json");
            var import = await TenderProcess.RunAsync(["opportunity", "import", notice, "--data", data]);
            var withZones = await TenderProcess.RunAsync(["opportunity", "list", "--data", data]);
            var withoutZones = await TenderProcess.RunAsync(["opportunity", "list", "--data", data], new Dictionary<string, string> { ["TZDIR"] = noZones });
            Assert.Multiple(() =>
            {
                Assert.That(import.ExitCode, Is.Zero, import.Output);
                // The notice closes at 12:00 UTC on 28 May 2019: 1pm in the UK (BST).
                Assert.That(withZones.Output, Does.Contain("deadline 28 May 2019 at 1pm (UK time)"), withZones.Output);
                Assert.That(withoutZones.ExitCode, Is.Zero, withoutZones.Output);
                Assert.That(withoutZones.Output, Is.EqualTo(withZones.Output), "the built-in UK rule stands in for tzdata");
                Assert.That(withZones.Output, Does.Not.Contain("UTC"));
            });
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
