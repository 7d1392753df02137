using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Delivery;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Delivery;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Delivery;

/// <summary>
/// The award starts delivery by itself: `tender demo` records the buyer's decision (a won lot) and nothing else, and
/// afterwards the contract is in delivery with periods from the notice, each member has its delivery link by email
/// once, and exactly one contract-delivery workflow watches its payments, even when the process is killed between
/// the bid's step and the start of that watch, or inside either.
/// </summary>
[NonParallelizable]
public sealed class AwardStartsDeliveryTests
{
    private string _data = null!;

    private string Connection => DatabaseConnection.ForDataFolder(_data);

    [SetUp]
    public void CreateDataFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "tender-award-delivery", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
    }

    [TearDown]
    public void DeleteDataFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private string[] Args() => ["demo", "--data", _data, "--workflows", TenderProcess.WorkflowsFolder];

    [Test]
    public async Task Recording_a_won_lot_starts_delivery_and_emails_each_member_its_link_once()
    {
        var (exit, output) = await TenderProcess.RunAsync(Args(), timeoutSeconds: 300);
        Assert.That(exit, Is.EqualTo(0), output);
        await AssertDeliveryStartedOnceAsync();
    }

    /// <summary>Between the bid's committed step and the watch's start; inside the bid's StartDelivery step; inside the watch's first step.</summary>
    public static IEnumerable<TestCaseData> CrashPointCases() =>
        new[] { "outcome-recorded", "before-activity:delivery", "before-activity:payments" }
            .Select(point => new TestCaseData(point).SetName($"Killed at {point}, the award still starts delivery once"));

    [TestCaseSource(nameof(CrashPointCases))]
    public async Task Killed_while_the_award_starts_delivery_it_starts_once(string point)
    {
        using (var first = TenderProcess.Start(Args(), new Dictionary<string, string> { [CrashPoints.Variable] = point }))
        {
            await first.KillWhenPausedAsync(TimeSpan.FromSeconds(300));
        }

        var (exit, output) = await TenderProcess.RunAsync(Args(), timeoutSeconds: 300);
        Assert.That(exit, Is.EqualTo(0), output);
        await AssertDeliveryStartedOnceAsync();
    }

    private async Task AssertDeliveryStartedOnceAsync()
    {
        var contract = (await new DeliveryStore(Connection).ListAsync(null)).Single();
        await using var workflows = new WorkflowDbContext(TenderConsortium.Workflows.Hosting.WorkflowDatabase.Options(Connection));
        var watches = await workflows.Instances.AsNoTracking().Where(i => i.DefinitionId == "contract-delivery").ToListAsync();
        var links = await workflows.Outbox.AsNoTracking().Where(m => m.Event.StartsWith(DeliveryEmails.StartedMember)).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(contract.StartedBy, Is.EqualTo("the award"));
            Assert.That(contract.PeriodLength, Is.EqualTo(PeriodLength.Monthly));
            Assert.That(contract.Periods, Has.Count.GreaterThan(1), "periods cut from the notice's contract period");
            Assert.That(watches.Where(w => w.Status != "Finished" || w.Id == contract.InstanceId).Select(w => w.Id), Is.EqualTo(new[] { contract.InstanceId }),
                "one workflow watches the contract's payments; any second start ended at once");
            Assert.That(links.Select(m => m.Recipient).Order(), Is.EqualTo(contract.Members.Where(m => m.Email is not null).Select(m => m.Email!).Order()),
                "each member emailed its delivery link once");
            Assert.That(links.Select(m => m.Subject).Distinct(), Is.EqualTo(new[] { $"Delivery starts: {contract.Title}" }));
        });
    }
}
