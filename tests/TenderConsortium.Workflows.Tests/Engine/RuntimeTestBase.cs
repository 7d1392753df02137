using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Engine;

public abstract class RuntimeTestBase
{
    protected RuntimeHarness Node { get; set; } = null!;

    [SetUp]
    public async Task StartNode()
    {
        FlakyActivity.FailuresLeft = 0;
        Node = await RuntimeHarness.StartAsync(definitions:
        [
            Definitions.Approval, Definitions.DelayThenSignal, Definitions.Timer, Definitions.ForkJoin("all"),
            Definitions.ForkJoin("any"), Definitions.ForkJoin("count", 2), Definitions.ManyBookmarks, Definitions.Flaky, Definitions.Timeout,
        ]);
    }

    [TearDown]
    public async Task StopNode()
    {
        await Node.DisposeAsync();
        Node.DeleteFolder();
    }

    protected async Task<int> CountJournal(Guid id, string kind) =>
        (await Node.Queries.GetJournalAsync(id)).Count(j => j.Kind == kind);
}
