using TenderConsortium.Cli.Delivery;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Delivery;

/// <summary>`tender delivery …` refuses bad input with exit 2 and a plain message naming the option, before anything is written.</summary>
public sealed class DeliveryCliTests
{
    private TempDatabase _db = null!;

    [SetUp]
    public async Task Create() => _db = await TempDatabase.CreateAsync();

    [TearDown]
    public async Task Dispose() => await _db.DisposeAsync();

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(DeliveryCommands.Create(), ["delivery", .. args, "--data", _db.Folder]);

    [Test]
    public async Task Bad_values_name_the_option_and_exit_2()
    {
        var date = await Run("pay", "opp", "--invoice", "P1-M1", "--amount", "100", "--date", "20/06/2027", "--reference", "R1");
        var amount = await Run("pay", "opp", "--invoice", "P1-M1", "--amount", "a hundred", "--date", "2027-06-20", "--reference", "R1");
        var output = await Run("return", "opp", "--member", "m", "--period", "1", "--output", "1=420", "--output", "lots");
        var neither = await Run("invoice", "opp", "--period", "1");
        var unknown = await Run("show", "no-such-opportunity");
        Assert.Multiple(() =>
        {
            Assert.That((date.ExitCode, date.Error.Trim()), Is.EqualTo((2, "error: --date: '20/06/2027' is not a date; write it as year-month-day, e.g. 2027-06-20")));
            Assert.That((amount.ExitCode, amount.Error.Trim()), Is.EqualTo((2, "error: --amount: 'a hundred' is not an amount; write pounds and pence, e.g. 1250.00")));
            Assert.That((output.ExitCode, output.Error.Trim()), Is.EqualTo((2, "error: --output (2): 'lots' should be a name, '=' and a number, e.g. 1=420")));
            Assert.That((neither.ExitCode, neither.Error.Trim()),
                Is.EqualTo((2, "error: --member: give either --member (a member's invoice to the lead) or --buyer (the lead's invoice to the buyer)")));
            Assert.That((unknown.ExitCode, unknown.Error.Trim()), Is.EqualTo((2, "error: opportunity: no opportunity with id or OCID 'no-such-opportunity'")));
        });
    }
}
