using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Common;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// The notice corpus through the real importer on a real SQLite file: each input is either accepted, and then what
/// is stored reads back as what was imported, or refused with a <see cref="BadInputException"/> whose every problem
/// names its place and what was expected, and nothing is stored. No other exception is acceptable.
/// </summary>
public sealed class HostileNoticeTests
{
    private TempDatabase _db = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _db = await TempDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases() => NoticeCorpus.All().Select(c => c.Case());

    [TestCaseSource(nameof(Cases))]
    public async Task Is_accepted_consistently_or_refused_with_a_specific_message(HostileInput input)
    {
        var queries = new OpportunityQueries(_db.ConnectionString);
        var before = await queries.CountAsync();
        if (await Refusal.ImportedOrRefusedAsync(() => new OpportunityImporter(_db.ConnectionString).ImportAsync(new MemoryStream(input.Content()), input.FileName),
                () => queries.CountAsync(), input.ToString()) is not { } result)
            return;

        Assert.That(await queries.CountAsync(), Is.EqualTo(before + result.Created));
        Assert.That(result.Total, Is.GreaterThan(0));
        foreach (var imported in result.Opportunities)
        {
            var stored = await queries.FindAsync(imported.Id);
            Assert.That(stored, Is.Not.Null, imported.Id);
            Assert.That(stored!.Opportunity.Ocid, Is.EqualTo(imported.Opportunity.Ocid));
            Assert.That(stored.Revision, Is.EqualTo(imported.Revision));
            if (imported.Outcome != ImportOutcome.Unchanged)
            {
                Assert.That(JsonSerializer.Serialize(stored.Opportunity, DomainJson.Options),
                    Is.EqualTo(JsonSerializer.Serialize(imported.Opportunity, DomainJson.Options)), "stored as imported");
            }
        }
    }
}
