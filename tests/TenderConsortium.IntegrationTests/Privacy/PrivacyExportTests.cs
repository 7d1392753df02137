using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.IntegrationTests.Security;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Host;

namespace TenderConsortium.IntegrationTests.Privacy;

/// <summary>`tender privacy export` answers a subject access request from a node that ran a bid: what is held, no live link.</summary>
public sealed class PrivacyExportTests
{
    [Test]
    public async Task A_members_export_holds_its_record_invitation_declaration_and_emails_but_no_link()
    {
        await using var tenants = await TenantsNode.StartAsync();
        var (email, token) = (await tenants.Node.InvitationLinksAsync(tenants.InstanceA)).First(l => l.Token == tenants.MemberToken);
        var put = await tenants.Anonymous.PutAsync($"/api/invitations/{token}/declaration",
            TenantsNode.Json("""{"lots": [{"lotId": "1", "volume": 321, "pricePerUnit": 21.5, "earliestStart": "2027-04-01"}]}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        string registration;
        await using (var db = TenderDatabase.Open(tenants.Node.App.Services.GetRequiredService<NodeSettings>().ConnectionString))
            registration = await db.Members.Where(m => m.Email == email).Select(m => m.RegistrationNumber).FirstAsync();

        var byMember = await TenderProcess.RunAsync(["privacy", "export", "--member", registration, "--data", tenants.Node.DataFolder]);
        var byEmail = await TenderProcess.RunAsync(["privacy", "export", "--email", TenantsNode.LeadAEmail, "--data", tenants.Node.DataFolder]);
        var neither = await TenderProcess.RunAsync(["privacy", "export", "--data", tenants.Node.DataFolder]);
        var unknown = await TenderProcess.RunAsync(["privacy", "export", "--member", "XX999", "--data", tenants.Node.DataFolder]);

        Assert.That(byMember.ExitCode, Is.EqualTo(0), byMember.Output);
        using var member = JsonDocument.Parse(byMember.Output[byMember.Output.IndexOf('{')..]);
        var root = member.RootElement;
        using var lead = JsonDocument.Parse(byEmail.Output[byEmail.Output.IndexOf('{')..]);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("members")[0].GetProperty("registrationNumber").GetString(), Is.EqualTo(registration));
            Assert.That(root.GetProperty("invitations")[0].GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(root.GetProperty("declarations")[0].GetProperty("answer").ToString(), Does.Contain("321"));
            Assert.That(root.GetProperty("emails").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("emails")[0].GetProperty("text").GetString(), Does.Contain("[personal link removed from this export]"));
            Assert.That(byMember.Output, Does.Not.Contain(token), "a live member link is never exported");
            Assert.That(lead.RootElement.GetProperty("accounts")[0].GetProperty("role").GetString(), Is.EqualTo("lead"));
            Assert.That(lead.RootElement.GetProperty("accounts")[0].GetProperty("consortium").GetString(), Is.EqualTo("Alpha"));
            Assert.That(byEmail.Output, Does.Not.Contain("tck_").And.Not.Contain("key_hash"));
            Assert.That(neither.ExitCode, Is.EqualTo(2));
            Assert.That(neither.Output, Does.Contain("--member or --email: give exactly one"));
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Output, Does.Contain("--member: no member with registration number 'XX999'"));
        });
    }
}
