namespace TenderConsortium.Tests.TestSupport;

/// <summary>A fresh, migrated SQLite file for every test.</summary>
public abstract class DatabaseTest
{
    protected TempDatabase Db { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase() => Db = await TempDatabase.CreateAsync();

    [TearDown]
    public async Task DeleteDatabase() => await Db.DisposeAsync();
}
