using Microsoft.Data.Sqlite;
using TenderConsortium.Benchmarking.EndToEnd;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Tests.Benchmarks;

/// <summary>
/// The end-to-end benchmark's scenario at toy size: two tenders of five members each run concurrently on one node
/// from the notice to issued sub-contracts. Only that it completes; timing lives in `tender bench e2e`.
/// </summary>
public sealed class EndToEndSmokeTests
{
    private string _data = null!;

    [SetUp]
    public void CreateDataFolder() => _data = Path.Combine(Path.GetTempPath(), "tender-e2e-smoke", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDataFolder()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task Two_tenders_of_five_members_run_concurrently_to_issued_subcontracts()
    {
        var result = await EndToEndBenchmark.RunAsync(new EndToEndOptions
        {
            Tenders = 2,
            MembersPerTender = 5,
            BaselineTenders = 0,
            WarmUp = false,
            Folder = _data,
            WorkflowsFolder = Path.Combine(RepoFiles.RepoRoot, "workflows"),
            TemplatesFolder = Path.Combine(RepoFiles.RepoRoot, "templates"),
            Timeout = TimeSpan.FromMinutes(3),
        });

        Assert.That(result.Baseline, Is.Null);
        Assert.That(result.Measured.Outcomes, Has.Count.EqualTo(2));
        Assert.That(result.Measured.Outcomes.Select(o => o.OpportunityId).Distinct().Count(), Is.EqualTo(2));
        foreach (var tender in result.Measured.Outcomes)
        {
            // Five declarations, the approval, the consents, the review, the submission and the outcome.
            Assert.That(tender.Answers, Is.GreaterThanOrEqualTo(5 + 1 + 1 + 3), tender.OpportunityId);
            Assert.That(tender.Subcontracts, Is.InRange(1, 5), tender.OpportunityId);
            var issued = Directory.GetFiles(Path.Combine(_data, "documents", tender.OpportunityId, "subcontracts"), "*.docx");
            Assert.That(issued, Has.Length.EqualTo(tender.Subcontracts), tender.OpportunityId);
        }

        var mails = Directory.GetFiles(Path.Combine(_data, "outbox"), "*.eml");
        Assert.That(mails, Has.Length.EqualTo(result.Measured.Emails));
        Assert.That(mails.Select(File.ReadAllText).Count(t => t.Contains("Subject: Your sub-contract to sign", StringComparison.Ordinal)),
            Is.EqualTo(result.Measured.Subcontracts));
        await using var db = new SqliteConnection(DatabaseConnection.ForDataFolder(_data));
        await db.OpenAsync();
        await using var pending = db.CreateCommand();
        // Every bid finished; what still runs is each won contract's delivery watch (the award starts it), one per tender.
        pending.CommandText = "SELECT count(*) FROM wf_instances WHERE status <> 'Finished' AND definition_id <> 'contract-delivery'";
        Assert.That(await pending.ExecuteScalarAsync(), Is.EqualTo(0L));
        pending.CommandText = "SELECT count(*) FROM wf_instances WHERE definition_id = 'contract-delivery' AND status IN ('Faulted', 'Cancelled')";
        Assert.That(await pending.ExecuteScalarAsync(), Is.EqualTo(0L), "a delivery watch that faulted");
    }
}
