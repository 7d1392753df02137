using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// The member corpus through the real importer: accepted (and then every stored member keeps the registry's rules and
/// the counts add up) or refused with specific problems and nothing stored. No other exception is acceptable.
/// </summary>
public sealed partial class HostileMemberTests
{
    private TempDatabase _db = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _db = await TempDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases() => MemberCorpus.All().Select(c => c.Case());

    [TestCaseSource(nameof(Cases))]
    public async Task Is_accepted_consistently_or_refused_with_a_specific_message(HostileInput input)
    {
        var queries = new MemberQueries(_db.ConnectionString);
        var before = await queries.CountAsync();
        if (await Refusal.ImportedOrRefusedAsync(() => new MemberImporter(_db.ConnectionString).ImportAsync(new MemoryStream(input.Content()), input.FileName),
                () => queries.CountAsync(), input.ToString()) is not { } result)
            return;

        Assert.That(await queries.CountAsync(), Is.EqualTo(before + result.Created));
        Assert.That(result.Total, Is.GreaterThan(0));
        foreach (var item in await queries.ListAsync())
        {
            var stored = (await queries.FindAsync(item.RegistrationNumber))!.Member;
            Assert.Multiple(() =>
            {
                Assert.That(stored.Name, Is.Not.Empty.And.EqualTo(stored.Name.Trim()).And.Length.LessThanOrEqualTo(200), input.ToString());
                Assert.That(stored.RegistrationNumber, Does.Match(RegistrationPattern()), input.ToString());
                Assert.That(stored.Contacts, Has.Some.Matches<Core.Members.Contact>(c => c.Email.Contains('@')), input.ToString());
                Assert.That(stored.StaffFte ?? 0, Is.GreaterThanOrEqualTo(0));
                Assert.That(stored.AnnualTurnover?.Amount ?? 0, Is.GreaterThanOrEqualTo(0));
                Assert.That(stored.MaxContractValue?.Amount ?? 0, Is.GreaterThanOrEqualTo(0));
                Assert.That(stored.ServiceAreas, Is.Unique);
                Assert.That(stored.Cpv, Is.All.Match("^[0-9]{8}$"));
            });
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9/.\\-]{1,29}$")]
    private static partial Regex RegistrationPattern();
}
