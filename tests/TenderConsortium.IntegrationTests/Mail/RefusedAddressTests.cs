using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Members;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Mail;

/// <summary>
/// A member whose address the relay refuses for good (aiosmtpd answering 550 to RCPT TO), through the real web host
/// with its workers: the refusal is recorded, the lead is told once in plain words with the server's reason, the
/// registry shows the member cannot be reached, the declaration round stops waiting for it, and nothing more is offered
/// to the relay for that address until the lead says it works again.
/// </summary>
public sealed class RefusedAddressTests
{
    private const string Refused = "hamish@granitecitytaxis.coop";
    private const string Lead = "lead@default-consortium.example";

    [Test]
    public async Task A_refused_member_address_is_a_fact_the_lead_is_told_once_and_the_round_does_not_wait_for_it()
    {
        await using var smtp = await SmtpTestServer.StartAsync("--reject", "hamish@=550");
        var settings = smtp.Configuration.ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Mail:From"] = "bids@grampian-consortium.example";
        settings["Outbox:PollInterval"] = "00:00:00.100";
        settings["Outbox:QuickRetries"] = "0";
        await using var node = await WebNode.StartAsync(settings, WebNode.AllocationOnlyWorkflows());
        await node.AuthenticateAsLeadAsync(Lead);
        await WebNode.Ok(node.Http.PostAsync("/api/members",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv")), Encoding.UTF8, "text/csv")));
        var notice = await WebNode.Ok(node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json")));
        var opportunity = JsonNode.Parse(notice)!["opportunities"]![0]!["id"]!.GetValue<string>();
        var terms = new JsonObject { ["1"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 1000 }, ["2"] = new JsonObject { ["unit"] = "sessions", ["demand"] = 200 } };
        var instance = (await node.App.Services.GetRequiredService<WorkflowRuntime>().StartAsync("lead-partner-allocation", new JsonObject { ["opportunityId"] = opportunity },
            new JsonObject { ["lotTerms"] = terms, ["leadEmail"] = Lead }, opportunity)).InstanceId;
        var links = await node.InvitationLinksAsync(instance);
        Assert.That(links.Select(l => l.Email), Does.Contain(Refused), "the refused member is one of those invited");

        var refusals = node.App.Services.GetRequiredService<IContactRefusals>();
        var refusal = await Eventually(() => refusals.FindAsync(Refused), r => r?.LeadToldAt is not null, "the refusal recorded and the lead told");
        Assert.That(refusal!.Reason, Does.StartWith("550").And.Contain("mailbox does not exist"), "the server's own words");

        var toLead = await Eventually(async () => Notices(smtp), n => n.Count >= 1, "the lead's notice at the relay");
        Assert.Multiple(() =>
        {
            Assert.That(toLead, Has.Count.EqualTo(1));
            Assert.That(toLead[0].Message.Subject, Is.EqualTo($"Emails to {Refused} cannot be delivered (Granite City Taxis Co-operative)"));
            Assert.That(toLead[0].Message.TextBody, Does.Contain("What the server said: 550").And.Contain("the round no longer waits for them")
                .And.Contain($"tender mail reachable {Refused}").And.Not.Contain("{{"));
        });

        // The registry says it, in the API and on the lead's page.
        var members = JsonNode.Parse(await node.Http.GetStringAsync("/api/members?pageSize=200"))!["members"]!.AsArray();
        var taxis = members.Single(m => m!["email"]!.GetValue<string>() == Refused)!;
        Assert.That(taxis["unreachable"]?["reason"]?.GetValue<string>(), Does.StartWith("550"));
        Assert.That(members.Where(m => m!["email"]?.GetValue<string>() != Refused).All(m => m!["unreachable"] is null), Is.True, "only that member");

        // The other member answers: nobody else can answer, so the round closes now rather than at its deadline.
        var (_, token) = links.Single(l => l.Email != Refused);
        var put = await node.Http.PutAsync($"/api/invitations/{token}/declaration", new StringContent("""
            {"lots": [{"lotId": "1", "volume": 600, "pricePerUnit": 21.5, "earliestStart": "2027-04-01", "areas": ["Aberdeen City"]}],
             "spd": {"annualTurnover": 410000, "insuranceCover": 5000000, "invoicesPaidOnTimePercent": 98}}
            """, Encoding.UTF8, "application/json"));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var round = await Eventually(() => node.App.Services.GetRequiredService<IInvitationStore>().RoundAsync(opportunity), r => r?.ClosedAt is not null, "the round closed");
        Assert.That(round!.ClosedAt, Is.LessThan(round.Deadline), "closed before its deadline");
        var journal = await node.App.Services.GetRequiredService<WorkflowQueries>().GetJournalAsync(instance);
        Assert.That(journal.Select(j => j.Detail ?? ""), Has.Some.Contains("Granite City Taxis Co-operative cannot be reached")
            .And.Some.Contains("every invited member has answered or cannot be reached"));

        // Sending again does not reach the relay: the guard fails it at once, saying why, and the lead is not told twice.
        var admin = node.App.Services.GetRequiredService<OutboxAdmin>();
        Assert.That(await admin.RetryAllFailedAsync(), Is.GreaterThanOrEqualTo(1));
        var queries = node.App.Services.GetRequiredService<WorkflowQueries>();
        var failed = await Eventually(() => queries.ListFailedDeliveriesAsync(), f => f.Count >= 1 && f.All(r => r.LastError?.StartsWith("Not sent") == true), "the retried email failed by the guard");
        Assert.That(failed.Single(f => f.Recipient == Refused).LastError, Does.Contain("refused " + Refused + " for good").And.Contain("tender mail reachable"));
        Assert.That(failed.Single(f => f.Recipient == Refused).Attempts, Is.EqualTo(1), "a permanent failure is not retried");
        Assert.That(Notices(smtp), Has.Count.EqualTo(1), "the lead is told once");
        Assert.That(smtp.Received().Where(m => m.Recipients.Contains(Refused)), Is.Empty);

        // The operator's doors: the list, and the address said to work again (then sent to again).
        var (exit, output) = await TenderProcess.RunAsync(["mail", "refused", "--data", node.DataFolder]);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain(Refused).And.Contain("Granite City Taxis Co-operative").And.Contain("550"));
        (exit, output) = await TenderProcess.RunAsync(["members", "list", "--data", node.DataFolder]);
        Assert.That(output, Does.Contain("cannot be reached"), output);
        (exit, output) = await TenderProcess.RunAsync(["mail", "reachable", Refused, "--data", node.DataFolder]);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(await refusals.FindAsync(Refused), Is.Null);
        (exit, output) = await TenderProcess.RunAsync(["mail", "reachable", Refused, "--data", node.DataFolder]);
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("address: " + Refused + " was not refused"));
        (exit, output) = await TenderProcess.RunAsync(["mail", "reachable", "not-an-address", "--data", node.DataFolder]);
        Assert.That(exit, Is.EqualTo(2), output);
    }

    private static List<ReceivedMail> Notices(SmtpTestServer smtp) =>
        smtp.Received().Where(m => m.Recipients.Contains(Lead) && (m.Message.Subject ?? "").StartsWith("Emails to", StringComparison.Ordinal)).ToList();

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > limit) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
