using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Security;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Host;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Privacy;

/// <summary>
/// `tender privacy erase` on a node that ran a bid (SQLite file, the real web host, the pickup folder): the person's
/// address and name are gone from every table, the journal, the workflow data and the .eml files, while the member's
/// declaration (the bid's lawful record) stays, and the command says which is which.
/// </summary>
public sealed class PrivacyEraseTests
{
    [Test]
    public async Task Erasing_a_members_contact_removes_them_everywhere_and_keeps_the_declaration()
    {
        await using var tenants = await TenantsNode.StartAsync();
        var (email, token) = (await tenants.Node.InvitationLinksAsync(tenants.InstanceA)).First(l => l.Token == tenants.MemberToken);
        var put = await tenants.Anonymous.PutAsync($"/api/invitations/{token}/declaration",
            TenantsNode.Json("""{"lots": [{"lotId": "1", "volume": 321, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}]}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var connection = tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString;
        string registration, memberId, contactName;
        await using (var db = TenderDatabase.Open(connection))
        {
            var record = await db.Members.FirstAsync(m => m.Email == email);
            (registration, memberId) = (record.RegistrationNumber, record.Id);
            contactName = System.Text.Json.JsonDocument.Parse(record.Profile).RootElement.GetProperty("contacts")[0].GetProperty("name").GetString()!;
        }

        var outboxFolder = Path.Combine(tenants.Node.DataFolder, "outbox");
        await WaitForAsync(() => Directory.EnumerateFiles(outboxFolder, "*.eml").Any(f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase)));
        Assert.That(await HeldAsync(connection, outboxFolder, email), Is.Not.Empty, "before: the address is held in several places");

        var unconfirmed = await TenderProcess.RunAsync(["privacy", "erase", "--member", registration, "--data", tenants.Node.DataFolder]);
        Assert.That(unconfirmed.ExitCode, Is.EqualTo(2), unconfirmed.Output);
        Assert.That(unconfirmed.Output, Does.Contain("--yes: erasing cannot be undone"));
        Assert.That(await HeldAsync(connection, outboxFolder, email), Is.Not.Empty, "nothing changed without --yes");

        var erased = await TenderProcess.RunAsync(["privacy", "erase", "--member", registration, "--yes", "--data", tenants.Node.DataFolder]);
        Assert.That(erased.ExitCode, Is.EqualTo(0), erased.Output);
        Assert.That(erased.Output, Does.Contain($"Erased {registration}:").And.Contain("email(s) sent to them").And.Contain("email file(s)")
            .And.Contain("Kept as the lawful record of bids").And.Contain("1 declaration(s)"));
        Assert.That(await HeldAsync(connection, outboxFolder, email), Is.Empty, "after: the address is nowhere");
        Assert.That(await HeldAsync(connection, outboxFolder, contactName), Is.Empty, "nor the contact's name");

        await using (var db = TenderDatabase.Open(connection))
        {
            var record = await db.Members.SingleAsync(m => m.Id == memberId);
            Assert.That(record.Email, Does.EndWith("@erased.invalid"));
            Assert.That(record.RegistrationNumber, Is.EqualTo(registration), "the organisation stays");
            Assert.That(await db.Declarations.Where(d => d.MemberId == memberId).Select(d => d.Body).SingleAsync(), Does.Contain("321"), "its declaration is the bid's record");
        }

        var export = await TenderProcess.RunAsync(["privacy", "export", "--email", email, "--data", tenants.Node.DataFolder]);
        Assert.That(export.Output, Does.Contain("\"members\": []").And.Contain("\"invitations\": []").And.Contain("\"emails\": []"));
        var again = await TenderProcess.RunAsync(["privacy", "erase", "--email", email, "--yes", "--data", tenants.Node.DataFolder]);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Output);
        Assert.That(again.Output, Does.Contain($"Nothing was held about {email.ToLowerInvariant()}"));

        // A lead erased by email: the account and its key go with the address.
        var lead = await TenderProcess.RunAsync(["privacy", "erase", "--email", TenantsNode.LeadAEmail, "--yes", "--data", tenants.Node.DataFolder]);
        Assert.That(lead.ExitCode, Is.EqualTo(0), lead.Output);
        Assert.That(lead.Output, Does.Contain("the sign-in account"));
        Assert.That((await tenants.LeadA.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>Where the text is still found: tables, the runtime's journal, state and outbox, and the .eml files.</summary>
    private static async Task<List<string>> HeldAsync(string connection, string outboxFolder, string text)
    {
        var found = new List<string>();
        bool In(string? s) => s?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;
        await using (var db = TenderDatabase.Open(connection))
        {
            if ((await db.Members.Select(m => m.Profile).ToListAsync()).Any(In)) found.Add("members");
            if ((await db.Invitations.Select(i => i.Email).ToListAsync()).Any(In)) found.Add("invitations");
        }

        await using (var runtime = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
        {
            if ((await runtime.Outbox.Select(o => o.Recipient + o.Subject + o.Payload).ToListAsync()).Any(In)) found.Add("outbox");
            if ((await runtime.JournalBursts.Select(b => b.Entries).ToListAsync()).Any(In)) found.Add("journal");
            if ((await runtime.Instances.Select(i => i.State).ToListAsync()).Any(In)) found.Add("workflow state");
        }

        if (Directory.EnumerateFiles(outboxFolder, "*.eml").Any(f => In(File.ReadAllText(f)))) found.Add(".eml files");
        return found;
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            if (DateTime.UtcNow > limit) Assert.Fail("timed out waiting for the outbox folder");
            await Task.Delay(100);
        }
    }
}
