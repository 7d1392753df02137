using System.Text.Json;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>`tender users add|list|apikey|remove` as an operator runs them, on a real data folder.</summary>
public sealed class UserCommandTests
{
    [Test]
    public async Task Users_are_added_listed_given_a_key_and_removed()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-users-" + Guid.NewGuid().ToString("N"));
        try
        {
            var lead = await TenderProcess.RunAsync(["users", "add", "--role", "lead", "--email", "Lead@Fife.example", "--consortium", "Fife SEN", "--data", data]);
            var adviser = await TenderProcess.RunAsync(["users", "add", "--role", "adviser", "--email", "adviser@p4p.example", "--data", data]);
            var adviserWithConsortium = await TenderProcess.RunAsync(["users", "add", "--role", "adviser", "--email", "x@p4p.example", "--consortium", "Fife SEN", "--data", data]);
            var duplicate = await TenderProcess.RunAsync(["users", "add", "--role", "lead", "--email", "lead@fife.example", "--consortium", "Fife SEN", "--data", data]);
            var noConsortium = await TenderProcess.RunAsync(["users", "add", "--role", "lead", "--email", "new@lead.example", "--data", data]);
            var badRole = await TenderProcess.RunAsync(["users", "add", "--role", "admin", "--email", "y@p4p.example", "--data", data]);
            var key = await TenderProcess.RunAsync(["users", "apikey", "--email", "lead@fife.example", "--json", "--data", data]);
            var adviserKey = await TenderProcess.RunAsync(["users", "apikey", "--email", "adviser@p4p.example", "--data", data]);
            var list = await TenderProcess.RunAsync(["users", "list", "--json", "--data", data]);
            var remove = await TenderProcess.RunAsync(["users", "remove", "--email", "adviser@p4p.example", "--data", data]);
            var after = await TenderProcess.RunAsync(["users", "list", "--data", data]);

            Assert.Multiple(() =>
            {
                Assert.That(lead.ExitCode, Is.EqualTo(0), lead.Output);
                Assert.That(lead.Output, Does.Contain("lead lead@fife.example of consortium 'Fife SEN'"));
                Assert.That(adviser.ExitCode, Is.EqualTo(0), adviser.Output);
                Assert.That(adviserWithConsortium.ExitCode, Is.EqualTo(2));
                Assert.That(adviserWithConsortium.Output, Does.Contain("advisers review across consortia"));
                Assert.That(duplicate.ExitCode, Is.EqualTo(2));
                Assert.That(duplicate.Output, Does.Contain("already an account"));
                Assert.That(badRole.ExitCode, Is.EqualTo(2));
                Assert.That(noConsortium.ExitCode, Is.EqualTo(2), "a new lead never lands in the node's first consortium unasked");
                Assert.That(noConsortium.Output, Does.Contain("--consortium: name the lead's consortium"));
                Assert.That(key.ExitCode, Is.EqualTo(0), key.Output);
                Assert.That(JsonDocument.Parse(key.Output[key.Output.IndexOf('{')..]).RootElement.GetProperty("apiKey").GetString(), Does.StartWith("tck_"));
                Assert.That(adviserKey.ExitCode, Is.EqualTo(2));
                Assert.That(adviserKey.Output, Does.Contain("API keys are for leads"));
                Assert.That(list.Output, Does.Contain("\"consortium\": \"Fife SEN\"").And.Contain("adviser@p4p.example"));
                Assert.That(remove.ExitCode, Is.EqualTo(0), remove.Output);
                Assert.That(after.Output, Does.Not.Contain("adviser@p4p.example").And.Contain("1 account"));
            });
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
